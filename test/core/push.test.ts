import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  gitlabMergeMessage,
  githubMergeMessage,
  gitMergeMessage,
  mergedBranchOf,
} from '../../src/core/commits/merge-message.js';
import { evaluateGates } from '../../src/core/environments/gates.js';
import { defaultPolicy, type Policy } from '../../src/core/policy/policy.js';
import {
  checkPush,
  checkServerHead,
  forgedRelease,
  type PushedRef,
  type TrunkCommit,
} from '../../src/core/policy/push.js';
import { isGuardedTag } from '../../src/core/versioning/tag.js';

const test = suite('push rules');
const commit = (over: Partial<TrunkCommit>): TrunkCommit => ({
  sha: 'a'.repeat(40),
  subject: 'fix: x',
  parents: 1,
  emptyParents: [],
  fromBranch: false,
  release: null,
  ...over,
});
const trunk = (commits: TrunkCommit[], over: Partial<Extract<PushedRef, { kind: 'trunk' }>> = {}): PushedRef => ({
  kind: 'trunk',
  name: 'main',
  deleted: false,
  created: false,
  forward: true,
  linear: true,
  commits,
  ...over,
});
const tag = (name: string, over: Partial<Extract<PushedRef, { kind: 'tag' }>> = {}): PushedRef => ({
  kind: 'tag',
  name,
  deleted: false,
  moved: false,
  target: 'commit',
  onTrunk: true,
  sha: 'b'.repeat(40),
  notNewer: null,
  behind: null,
  frozen: [],
  ...over,
});
const rules = (refs: PushedRef[], policy: Policy = defaultPolicy, side: 'client' | 'server' = 'server') =>
  checkPush({ side, refs }, policy, 'origin').refusals.map((r) => r.rule);
const release = (over: Partial<NonNullable<TrunkCommit['release']>> = {}) =>
  commit({
    subject: 'chore(release): v1.1.0',
    release: { tag: 'v1.1.0', tagged: true, changed: ['CHANGELOG.md'], foreignPointers: [], ...over },
  });

test('merges of branches, true release commits and fast-forwarded branch commits may reach main', () => {
  assert.equal(rules([trunk([commit({ parents: 2, fromBranch: true }), release(), commit({ fromBranch: true })])]), []);
  assert.equal(rules([trunk([commit({ parents: 2, subject: "Merge branch 'feature/a'" })])]), []);
});

test('a commit made directly on main is refused, with its sha and subject', () => {
  const verdict = checkPush(
    { side: 'server', refs: [trunk([commit({ sha: 'c0ffee'.padEnd(40, '0'), subject: 'fix typo' })])] },
    defaultPolicy,
    'origin',
  );
  assert.equal(
    verdict.refusals.map((r) => r.rule),
    ['direct-commit'],
  );
  assert.equal(verdict.refusals[0].details, ['c0ffee0 fix typo']);
  assert.match(verdict.refusals[0].fix[0], /git reset --keep origin\/main/);
});

const direct: [string, TrunkCommit, RegExp][] = [
  ['a root commit', commit({ parents: 0 }), /a root commit/],
  [
    'a merge of nothing new',
    commit({ parents: 2, emptyParents: ['d'.repeat(40)], fromBranch: true }),
    /brings in nothing new \(ddddddd/,
  ],
  [
    'an octopus of trunk commits',
    commit({ parents: 3, emptyParents: ['d'.repeat(40), 'e'.repeat(40)] }),
    /ddddddd, eeeeeee/,
  ],
  [
    'a release commit that changes the config',
    release({ changed: ['CHANGELOG.md', 'trunk.config.json'] }),
    /claims to be release v1.1.0, but changes trunk.config.json/,
  ],
  ['a release commit whose tag is not pushed', release({ tagged: false }), /neither pushed with it nor on it/],
  [
    'a forged release commit that came through a branch',
    { ...release({ changed: ['trunk.config.json'] }), fromBranch: true },
    /claims to be release v1.1.0, but changes trunk.config.json/,
  ],
  ['a release commit naming a free tag', release({ tag: 'latest' }), /names latest, not a vX.Y.Z version/],
  [
    'a release commit whose pointers are not what trunk-init generates',
    release({ foreignPointers: ['gitops/flux/prod/app.yaml'] }),
    /writes gitops\/flux\/prod\/app.yaml with content trunk-init would not generate for v1.1.0/,
  ],
];
for (const [name, c, why] of direct)
  test(`direct: ${name}`, () => {
    const verdict = checkPush({ side: 'server', refs: [trunk([c])] }, defaultPolicy, 'origin');
    assert.equal(
      verdict.refusals.map((r) => r.rule),
      ['direct-commit'],
    );
    assert.match(verdict.refusals[0].details![0], why);
  });

test('a release commit may change the pointer manifests only when a previous environment moves', () => {
  const pointer = release({ changed: ['CHANGELOG.md', 'gitops/argocd/apps/demo-prod.yaml'] });
  assert.equal(forgedRelease(pointer, defaultPolicy).length, 1);
  const literal = {
    ...defaultPolicy,
    gitops: { ...defaultPolicy.gitops, tool: 'argocd' as const },
    environments: [
      { name: 'qa', track: { kind: 'stable' as const } },
      { name: 'prod', track: { kind: 'previous' as const } },
    ],
  } as Policy;
  assert.equal(forgedRelease(pointer, literal), []);
});

test('merges of branches outside "branches" are refused', () => {
  assert.equal(rules([trunk([commit({ parents: 2, subject: "Merge branch 'wip'" })])]), ['merge-source']);
  assert.equal(rules([trunk([commit({ parents: 2, subject: 'Merge things' })])]), ['merge-source']);
});

test('the trunk only moves forward along its first-parent line, whatever protectTrunk says', () => {
  const open = { ...defaultPolicy, protectTrunk: false };
  assert.equal(rules([trunk([], { forward: false, linear: false })], open), ['trunk-rewrite']);
  assert.equal(rules([trunk([], { linear: false })], open), ['trunk-first-parent']);
  assert.equal(rules([trunk([], { deleted: true })], open), ['delete-trunk']);
  assert.equal(rules([trunk([commit({})])], open), []);
  assert.equal(rules([trunk([commit({ parents: 0 })], { created: true })]), []);
  assert.equal(
    rules([trunk([], { created: true }), tag('1.2.3', { onTrunk: false })]),
    [],
    'an import brings its tags as they are',
  );
});

test("branch names are the server's rule; other namespaces are refused unless serverRefs names them", () => {
  const branch = (name: string): PushedRef => ({ kind: 'branch', name, deleted: false });
  assert.equal(rules([branch('wip')]), ['branch-name']);
  assert.equal(rules([branch('wip')], defaultPolicy, 'client'), []);
  assert.equal(rules([{ kind: 'branch', name: 'wip', deleted: true }]), []);
  const other = (name: string, deleted = false): PushedRef => ({ kind: 'other', name, deleted });
  for (const ref of [
    'refs/notes/commits',
    'refs/pull/1/head',
    'refs/meta/config',
    'refs/remotes/x/main',
    'refs/changes/01/1/1',
  ])
    assert.equal(rules([other(ref)]), ['ref-namespace'], ref);
  assert.equal(rules([other('refs/notes/commits')], { ...defaultPolicy, serverRefs: ['refs/notes/*'] }), []);
  assert.equal(rules([other('refs/pull/1/head', true)]), []);
});

const tagCases: [string, PushedRef, string[]][] = [
  ['a new release tag on main', tag('v1.4.0'), []],
  ['a prerelease with build metadata', tag('v1.4.0-rc.1+b.7'), []],
  ['deleting a release tag', tag('v1.4.0', { deleted: true }), ['delete-tag']],
  ['moving a release tag', tag('v1.4.0', { moved: true }), ['move-tag']],
  ['two-part version', tag('v1.4'), ['tag-format']],
  ['leading zero', tag('v01.4.0'), ['tag-format']],
  ['no prefix', tag('99.0.0'), ['tag-format']],
  ['upper-case V', tag('V99.0.0'), ['tag-format']],
  ['zero-padded prerelease', tag('1.0.0-rc.01'), ['tag-format']],
  ['a bare number', tag('7'), ['tag-format']],
  ['a tag on a tree', tag('v1.4.0', { target: 'other', onTrunk: false }), ['tag-target']],
  ['a tag off main', tag('v1.4.0', { onTrunk: false }), ['tag-off-trunk']],
  ['not newer than the last release', tag('v1.4.0', { notNewer: 'v1.5.0' }), ['tag-not-newer']],
  ['a newer version on older code', tag('v9.0.0', { behind: 'v1.5.0' }), ['tag-behind']],
  ['a tag named like the trunk', tag('main', { onTrunk: false }), ['tag-name']],
  ['a tag named HEAD', tag('HEAD', { onTrunk: false }), ['tag-name']],
  ['a tag named like a full ref', tag('refs/heads/main', { onTrunk: false }), ['tag-name']],
  ['a free tag may move, go anywhere, be deleted', tag('deploy-123', { moved: true, onTrunk: false }), []],
  ['"latest" is free', tag('latest', { deleted: true }), []],
];
for (const [name, ref, expected] of tagCases) test(`tag: ${name}`, () => assert.equal(rules([ref]), expected));

test('a release tag that moves a frozen environment needs the override record in its message', () => {
  const report = evaluateGates(
    { freeze: [{ name: 'weekend', days: ['sat'] }] },
    { kind: 'release' },
    Date.UTC(2026, 11, 5, 12),
  );
  const frozen = (recorded: boolean) => tag('v1.4.0', { frozen: [{ env: 'prod', report, recorded }] });
  const verdict = checkPush({ side: 'server', refs: [frozen(false)] }, defaultPolicy, 'origin');
  assert.equal(
    verdict.refusals.map((r) => [r.rule, r.reason, r.details]),
    [
      [
        'tag-frozen',
        'Release tag v1.4.0 moves prod inside a freeze window, and its message records no override.',
        ['prod freeze: frozen until Sun 2026-12-06 00:00 UTC by "weekend"'],
      ],
    ],
  );
  assert.match(verdict.refusals[0].fix[0], 'npx trunk release --force --reason "…"');
  assert.equal(rules([frozen(true)]), []);
});

test('a tag is guarded when Argo CD or Flux could read it as a version', () => {
  for (const name of ['v1.2.3', '1.2.3', 'V1.2.3', 'v1', '1.2', '1.0.0-rc.01', '2024.01.15', 'v1.2.3+b'] as const)
    assert.ok(isGuardedTag(name, 'v'), name);
  for (const name of ['latest', 'deploy-123', '1.2.3.4', 'release', 'vv1', 'V1.2.3.4'])
    assert.not.ok(isGuardedTag(name, 'v'), name);
});

test('a push of thousands of direct commits lists fifty, then how many more', () => {
  const many = Array.from({ length: 5000 }, (_, i) => commit({ sha: i.toString(16).padStart(40, '0') }));
  const details = checkPush({ side: 'server', refs: [trunk(many)] }, defaultPolicy, 'origin').refusals[0].details!;
  assert.is(details.length, 51);
  assert.is(details.at(-1), 'and 4950 more');
});

test('every problem is reported, not just the first', () => {
  assert.equal(rules([trunk([commit({})]), tag('v1.0.0', { deleted: true }), tag('v2')]), [
    'direct-commit',
    'delete-tag',
    'tag-format',
  ]);
});

test('merge subjects name their branch as git, GitLab, Gitea and GitHub write them', () => {
  assert.is(mergedBranchOf("Merge branch 'feature/a'"), 'feature/a');
  assert.is(mergedBranchOf("Merge branch 'feature/a' into 'main'"), 'feature/a');
  assert.is(mergedBranchOf("Merge remote-tracking branch 'origin/feature/a'"), 'feature/a');
  assert.is(mergedBranchOf("Merge pull request 'Add api' (#12) from feature/a into main"), 'feature/a');
  assert.is(mergedBranchOf('Merge pull request #12 from acme/feature/a'), 'feature/a');
  assert.is(mergedBranchOf('feat: merge things'), null);
});

test('the merge messages git, GitHub and GitLab write name the branch they merge, the title below', () => {
  const subject = (message: string) => message.split('\n')[0];
  assert.is(gitMergeMessage('feature/a', 'main'), "Merge branch 'feature/a'");
  assert.is(gitMergeMessage('feature/a', 'trunk'), "Merge branch 'feature/a' into trunk");
  assert.is(
    githubMergeMessage(12, 'acme', 'feature/a', 'feat: add api\u001b[2J'),
    'Merge pull request #12 from acme/feature/a\n\nfeat: add api[2J',
  );
  assert.is(
    gitlabMergeMessage('feature/a', 'main', 'feat: add api', 'acme/gitops!3'),
    "Merge branch 'feature/a' into 'main'\n\nfeat: add api\n\nSee merge request acme/gitops!3",
  );
  for (const message of [
    gitMergeMessage('feature/a', 'trunk'),
    githubMergeMessage(12, 'acme', 'feature/a', null),
    gitlabMergeMessage('feature/a', 'main', null, 'acme/gitops!3'),
  ])
    assert.is(mergedBranchOf(subject(message)), 'feature/a', message);
});

test('the server refuses to judge without its trunk', () => {
  const server = (branches: string[], creates = false, configuredTrunk: string | null = null) => ({
    branches,
    creates,
    configuredTrunk,
  });
  assert.is(checkServerHead('refs/heads/main', server(['main']), '/srv/x.git'), null);
  assert.is(checkServerHead('refs/heads/main', server([], true), '/srv/x.git'), null);
  assert.match(
    checkServerHead('refs/heads/master', server(['main']), '/srv/x.git')!.reason,
    /names master, which does not exist here \(it has main\)/,
  );
  assert.match(
    checkServerHead('refs/heads/main', server(['main'], false, 'trunk'), '/srv/x.git')!.reason,
    /names "trunk"/,
  );
  assert.match(checkServerHead('', server(['main']), '/srv/x.git')!.reason, /names no branch/);
  assert.match(checkServerHead('refs/heads/main', server([]), '/srv/x.git')!.fix[0], /git push origin main/);
});

test.run();

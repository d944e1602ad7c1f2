import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintTags } from '../../src/core/environments/checks.js';
import { appName } from '../../src/core/environments/layout.js';
import { resolveRange } from '../../src/core/environments/masterminds.js';
import { withoutCredentials } from '../../src/core/environments/manifests.js';
import { argocd } from '../../src/core/gitops/tools/argocd.js';
import { flux, fluxUrl } from '../../src/core/gitops/tools/flux.js';
import { checkEnvironments, profile, type Environment } from '../../src/core/environments/model.js';
import { lineDiff } from '../../src/core/line-diff.js';
import { planPromotion } from '../../src/core/environments/promote.js';
import { movedBy, resolveEnvironments, specOf, type RefFacts } from '../../src/core/environments/resolve.js';

const test = suite('environments');

// Verified in Go against Masterminds/semver v3.4.0 (our research notes, §1.2) with Argo CD's MaxVersion
// loop and Flux's cloneSemVer filter. The tag order is shuffled: the highest match wins, not the last.
const TABLE_TAGS = ['v1.3.0-rc.10', 'latest', 'v1.2.0', 'v1.3.0-rc9', 'v1.1', 'v1.3.0-rc.1', 'v1.2.1', 'v1.3.0-rc.2'];
const TABLE: [string, string | null][] = [
  ['>=0.0.0', 'v1.2.1'],
  ['*', 'v1.2.1'],
  ['>=0.0.0-0', 'v1.3.0-rc9'],
  ['*-0', 'v1.3.0-rc9'],
  ['~1.2', 'v1.2.1'],
  ['^1.2.0', 'v1.2.1'],
  ['1.3.x', null],
];
for (const tool of [argocd, flux])
  for (const [range, expected] of TABLE)
    test(`${tool.id} resolves "${range}" as in gitops.md §1.2`, () => {
      const r = resolveRange(range, TABLE_TAGS, tool);
      assert.is(r.kind === 'tag' ? r.tag : null, expected);
    });

test('Masterminds prerelease rule: a group with a prerelease part matches prereleases of every version', () => {
  const tags = ['v1.0.0', 'v2.0.0-rc.1', 'v1.1.0-rc.1'];
  assert.equal(resolveRange('^1.0.0-0', tags, argocd), { kind: 'tag', tag: 'v1.1.0-rc.1', version: '1.1.0-rc.1' });
  assert.equal(resolveRange('^1 || >=2.0.0-0', tags, flux), { kind: 'tag', tag: 'v2.0.0-rc.1', version: '2.0.0-rc.1' });
  assert.equal(resolveRange('>=1.0.0, <2.0.0', tags, argocd), { kind: 'tag', tag: 'v1.0.0', version: '1.0.0' });
});

test('where the tools differ: short tags and zero-padded prerelease numbers', () => {
  assert.equal(resolveRange('>=0.0.0', ['v1.0.0', 'v2'], argocd), { kind: 'tag', tag: 'v2', version: '2.0.0' });
  assert.equal(resolveRange('>=0.0.0', ['v1.0.0', 'v2'], flux), { kind: 'tag', tag: 'v1.0.0', version: '1.0.0' });
  assert.equal(resolveRange('>=0.0.0', ['v1.0.0', 'v1.3.0-rc.01'], argocd), { kind: 'broken', tag: 'v1.3.0-rc.01' });
  assert.equal(resolveRange('>=0.0.0-0', ['v1.0.0', 'v1.3.0-rc.01'], flux), {
    kind: 'tag',
    tag: 'v1.0.0',
    version: '1.0.0',
  });
  assert.equal(resolveRange('>=0.0.0', ['latest', 'release'], flux), { kind: 'none' });
});

test('lintTags names each misread tag and branch clash', () => {
  const tags = ['v1.3.0-rc9', 'v1.3.0-rc.01', 'v1.2', 'v1.2.0', 'latest', '2024.01.15', 'v1.4.0-rc.2'].map((name) => ({
    name,
    sha: 'a',
    date: 0,
    onTrunk: true,
  }));
  const codes = lintTags(tags, ['v1.2.0', 'main'], 'v').map((w) => `${w.code} ${w.message.split(' ')[1]}`);
  assert.equal(
    codes.sort(),
    [
      'TAG_BRANCH_CLASH v1.2.0',
      'TAG_FOREIGN 2024.01.15',
      'TAG_PRERELEASE_FORMAT v1.3.0-rc9',
      'TAG_SHORT v1.2',
      'TAG_ZERO_PADDED v1.3.0-rc.01',
    ].sort(),
  );
});

const OPTIONS = { allowMoreThanThree: false, tagPrefix: 'v' };
test('the profiles are valid', () => {
  for (const envs of [profile(2), profile(3), profile(3, 'previous')])
    assert.equal(checkEnvironments(envs, OPTIONS), []);
});

test('checkEnvironments refuses what the GitOps tools cannot do, one line each', () => {
  const bad: Environment[] = [
    { name: 'QA', track: { kind: 'candidate', range: '^1' } },
    { name: 'dev', track: { kind: 'branch' } },
    { name: 'dev', track: { kind: 'previous' } },
    { name: 'prod', track: { kind: 'stable', range: '>=1.0.0-0' }, pin: 'latest' },
  ];
  const problems = checkEnvironments(bad, OPTIONS);
  for (const part of [
    'DNS-1123',
    'no prerelease part',
    'only the first',
    'used twice',
    'must track stable',
    'has a prerelease part',
    '"latest" is not a release tag',
    'keep three at most',
  ])
    assert.ok(
      problems.some((p) => p.includes(part)),
      `${part} in ${problems.join('\n')}`,
    );
  assert.equal(
    checkEnvironments([...profile(3), { name: 'dr', track: { kind: 'promoted' } }], {
      ...OPTIONS,
      allowMoreThanThree: true,
    }),
    [],
  );
  assert.ok(checkEnvironments(profile(2), { ...OPTIONS, tagPrefix: 'release-' })[0].includes('needs "tagPrefix": "v"'));
});

const facts = (tags: string[], onTrunk = (_: string) => true): RefFacts => ({
  trunk: 'main',
  tagPrefix: 'v',
  trunkSha: 'f'.repeat(40),
  trunkDate: 100,
  trunkVersion: 'v1.0.0+3',
  tags: tags.map((name, i) => ({ name, sha: `${i}`.padEnd(40, 'a'), date: i, onTrunk: onTrunk(name) })),
});

test('previous is the release below the one its upstream runs; none before the second release', () => {
  const envs = profile(3, 'previous');
  assert.equal(specOf(envs, 2, 'main', ['v1.0.0'], argocd).kind, 'none');
  assert.equal(specOf(envs, 2, 'main', ['v1.0.0', 'v1.1.0', 'v1.1.1-rc.1', 'v1.0.1'], argocd), {
    kind: 'exact',
    value: 'v1.0.1',
  });
  const refs = resolveEnvironments(envs, facts(['v1.0.0', 'v1.1.0']), flux);
  assert.equal(
    refs.map((r) => (r.kind === 'tag' ? r.tag : r.kind)),
    ['branch', 'v1.1.0', 'v1.0.0'],
  );
});

test("previous follows its upstream's track, not a pin on it (a rollback of qa leaves prod where it is)", () => {
  const envs = profile(3, 'previous');
  envs[1] = { ...envs[1], pin: 'v1.0.0' };
  assert.equal(specOf(envs, 2, 'main', ['v1.0.0', 'v1.1.0', 'v1.2.0'], argocd), { kind: 'exact', value: 'v1.1.0' });
});

test('movedBy: the environments a new tag moves, as their tool resolves them (what a release freeze holds)', () => {
  const moved = (envs: Environment[], tags: string[], tag: string) =>
    movedBy(envs, 'main', tags, tag, argocd).map((e) => e.name);
  // Two environments: a release moves prod. Three: a candidate moves qa, and prod only through a promotion.
  assert.equal(moved(profile(2), ['v1.0.0'], 'v1.1.0'), ['prod']);
  assert.equal(moved(profile(3), ['v1.0.0'], 'v1.1.0-rc.1'), ['qa']);
  assert.equal(moved(profile(3), ['v1.0.0', 'v1.1.0-rc.1'], 'v1.1.0'), ['qa', 'prod']);
  // The literal model: the second release moves qa and, in the release commit, prod; the first only qa.
  assert.equal(moved(profile(3, 'previous'), [], 'v1.0.0'), ['qa']);
  assert.equal(moved(profile(3, 'previous'), ['v1.0.0'], 'v1.1.0'), ['qa', 'prod']);
  // A hotfix below the highest release moves nothing that follows the highest; a pinned environment never moves.
  assert.equal(moved(profile(2), ['v1.1.0'], 'v1.0.1'), []);
  const pinned = profile(2).map((e) => (e.name === 'prod' ? { ...e, pin: 'v1.0.0' } : e));
  assert.equal(moved(pinned, ['v1.0.0'], 'v1.1.0'), []);
  // A range the tag is outside of does not move.
  const ranged: Environment[] = [profile(2)[0], { name: 'prod', track: { kind: 'stable', range: '^1' } }];
  assert.equal(moved(ranged, ['v1.0.0'], 'v2.0.0'), []);
});

test('withoutCredentials drops a user, password or CI token from an http(s) URL', () => {
  assert.is(
    withoutCredentials('https://gitlab-ci-token:s3cr3t@gitlab.com/acme/deploy.git'),
    'https://gitlab.com/acme/deploy.git',
  );
  assert.is(withoutCredentials('git@github.com:acme/deploy.git'), 'git@github.com:acme/deploy.git');
  assert.is(appName('My_Repo.git'), 'my-repo-git');
});

test('a pin overrides the track; an unknown pinned tag is unresolved', () => {
  const envs: Environment[] = [
    { name: 'qa', track: { kind: 'branch' } },
    { name: 'prod', track: { kind: 'stable' }, pin: 'v1.0.0' },
  ];
  assert.equal(
    resolveEnvironments(envs, facts(['v1.0.0', 'v1.1.0']), argocd).map((r) => (r.kind === 'tag' ? r.tag : r.kind)),
    ['branch', 'v1.0.0'],
  );
  assert.equal(resolveEnvironments(envs, facts(['v1.1.0']), argocd)[1].kind, 'unresolved');
});

test('planPromotion: candidate to stable tags the candidate commit; refusals say why', () => {
  const envs = profile(3);
  const plan = (tags: string[], onTrunk?: (t: string) => boolean) =>
    planPromotion(resolveEnvironments(envs, facts(tags, onTrunk), argocd), 'prod', {
      tagPrefix: 'v',
      allTags: tags,
      trunk: 'main',
    });
  const ok = plan(['v1.0.0', 'v1.1.0-rc.1', 'v1.1.0-rc.2']);
  assert.equal(ok.kind === 'tag' && [ok.tag, ok.sha, ok.upstreamTag], ['v1.1.0', `2`.padEnd(40, 'a'), 'v1.1.0-rc.2']);
  const reason = (p: ReturnType<typeof plan>) => (p.kind === 'refuse' ? p.reason : p.kind);
  assert.match(reason(plan(['v1.0.0', 'v1.1.0-rc.1', 'v1.1.0'])), 'nothing new to promote');
  assert.match(reason(plan(['v1.0.0', 'v1.1.0-rc.1'], (t) => t !== 'v1.1.0-rc.1')), 'not on main');
  assert.match(reason(plan([])), 'runs nothing yet');
  assert.match(
    reason(
      planPromotion(resolveEnvironments(envs, facts([]), argocd), 'qa', { tagPrefix: 'v', allTags: [], trunk: 'main' }),
    ),
    'not promoted by hand',
  );
});

test('planPromotion: promoted moves to the upstream tag', () => {
  const envs: Environment[] = [
    { name: 'qa', track: { kind: 'stable' } },
    { name: 'prod', track: { kind: 'promoted', tag: 'v1.0.0' } },
  ];
  const p = planPromotion(resolveEnvironments(envs, facts(['v1.0.0', 'v1.1.0']), argocd), 'prod', {
    tagPrefix: 'v',
    allTags: [],
    trunk: 'main',
  });
  assert.equal(p.kind === 'pin' && [p.previousTag, p.tag], ['v1.0.0', 'v1.1.0']);
});

test('fluxUrl turns scp-style URLs into ssh:// and leaves real URLs alone', () => {
  assert.is(fluxUrl('git@github.com:acme/shop.git'), 'ssh://git@github.com/acme/shop.git');
  assert.is(fluxUrl('gitlab.example.com:group/sub/repo'), 'ssh://gitlab.example.com/group/sub/repo');
  for (const url of [
    'https://github.com/acme/shop.git',
    'ssh://git@github.com:22/acme/shop.git',
    'http://gitea.local/a/b',
  ])
    assert.is(fluxUrl(url), url);
});

test('lineDiff: removals before additions, common lines kept', () => {
  assert.equal(lineDiff('a\nb\nc', 'a\nB\nc\nd'), ['  a', '- b', '+ B', '  c', '+ d']);
  assert.equal(lineDiff('', 'x'), ['- ', '+ x']);
});

test.run();

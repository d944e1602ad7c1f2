// What a release or a promotion writes, as data: the planner is pure, so its cases are plain tables.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Environment } from '../../src/core/environments/model.js';
import { argocd } from '../../src/core/gitops/tools/argocd.js';
import {
  describeMoves,
  planReleaseWrite,
  planTagWrite,
  type ReleaseWriteInput,
} from '../../src/core/versioning/release-write.js';
import { errors, TrunkError } from '../../src/errors.js';

const test = suite('release write');
const THREE: Environment[] = [
  { name: 'dev', track: { kind: 'branch' } },
  { name: 'qa', track: { kind: 'stable' } },
  { name: 'prod', track: { kind: 'previous' } },
];
const input = (over: Partial<ReleaseWriteInput> = {}): ReleaseWriteInput => ({
  head: 'abc123',
  tag: 'v1.1.0',
  notes: '## 1.1.0\n\n* a\n',
  changelog: 'CHANGELOG.md',
  pointers: [],
  environments: THREE,
  trunk: 'main',
  tags: ['v1.0.0', 'v1.1.0'],
  tool: argocd,
  sign: false,
  push: false,
  record: [],
  ...over,
});

test('an overridden release: the record follows the notes in the tag message, never in the changelog', () => {
  const record = [
    'Trunk-Override: freeze window "weekend" (qa), frozen until 2026-12-07T08:00:00Z',
    'Override-Reason: r',
  ];
  const { write } = planReleaseWrite(input({ record }));
  assert.is(write.notes, `## 1.1.0\n\n* a\n\n${record.join('\n')}\n`);
  assert.is(write.files[0].content('# Changelog\n'), '# Changelog\n\n## 1.1.0\n\n* a\n');
});

test('a release: the changelog gets the notes as its newest section, on the commit it was planned on', () => {
  const { write, moves } = planReleaseWrite(input());
  assert.equal(
    write.files.map((f) => f.file),
    ['CHANGELOG.md'],
  );
  assert.is(
    write.files[0].content('# Changelog\n\n## 1.0.0\n\n* old\n'),
    '# Changelog\n\n## 1.1.0\n\n* a\n\n## 1.0.0\n\n* old\n',
  );
  assert.equal([write.what, write.tag, write.base, write.push], [{ kind: 'release' }, 'v1.1.0', 'abc123', null]);
  assert.equal(moves, [], 'no pointer rewritten, no move said');
});

test('a release that rewrites the previous environment says where it now points; pushed, the trunk goes along', () => {
  const { write, moves } = planReleaseWrite(
    input({ changelog: null, pointers: [{ path: 'gitops/argocd/prod.yaml', content: 'prod\n' }], push: true }),
  );
  assert.equal(
    write.files.map((f) => [f.file, f.content(null)]),
    [['gitops/argocd/prod.yaml', 'prod\n']],
  );
  assert.equal(moves, [{ env: 'prod', tag: 'v1.0.0' }]);
  assert.is(describeMoves(moves), 'prod now runs v1.0.0');
  assert.equal(write.push, { remote: 'origin', trunk: 'main' });
});

test('a pinned previous environment does not move with the release', () => {
  const pinned = THREE.map((e) => (e.name === 'prod' ? { ...e, pin: 'v0.9.0' } : e));
  assert.equal(
    planReleaseWrite(input({ environments: pinned, pointers: [{ path: 'p.yaml', content: '' }] })).moves,
    [],
  );
});

test("a promotion's tag goes on its candidate's commit and is pushed alone; an interrupted release's, with the trunk", () => {
  const promotion = planTagWrite({ kind: 'promotion', env: 'prod' }, 'v1.1.0', 'notes\n', {
    target: 'def456',
    trunk: 'main',
    sign: true,
    push: true,
  });
  assert.equal(
    [promotion.files, promotion.target, promotion.base, promotion.sign, promotion.push],
    [[], 'def456', undefined, true, { remote: 'origin', trunk: null }],
  );
  const completion = planTagWrite({ kind: 'completion' }, 'v1.1.0', 'notes\n', {
    trunk: 'main',
    sign: false,
    push: true,
  });
  assert.equal([completion.target, completion.push], [undefined, { remote: 'origin', trunk: 'main' }]);
  assert.is(planTagWrite({ kind: 'completion' }, 'v1.1.0', '', { trunk: 'main', sign: false, push: false }).push, null);
});

test('a failed write names what failed and the command that makes it again, also when an undo failed too', () => {
  const push = new Error('git push --atomic -q origin refs/tags/v1.1.0 failed: rejected by the server');
  const undo = new Error('git tag -d v1.1.0 failed: cannot lock ref');
  const cases: [Parameters<typeof errors.writeFailed>[0], string, string][] = [
    [{ kind: 'release' }, 'the release failed', 'npx trunk release'],
    [{ kind: 'completion' }, 'tagging the interrupted release v1.1.0 failed', 'npx trunk release'],
    [{ kind: 'promotion', env: 'prod' }, 'the promotion of prod to v1.1.0 failed', 'npx trunk env promote prod'],
  ];
  for (const [what, name, retry] of cases) {
    const undone = errors.writeFailed(what, 'v1.1.0', push);
    assert.match(undone.message, `${name} and was undone (`);
    assert.match(undone.message, 'rejected by the server');
    assert.is(undone.fix, `fix the cause above, then run: ${retry}`);
    const partly = errors.writeFailed(what, 'v1.1.0', push, [undo]);
    assert.is(partly.code, 'EUNDO');
    assert.match(
      partly.message,
      `${name} (git push --atomic -q origin refs/tags/v1.1.0 failed: rejected by the server) and could not be fully undone: git tag -d`,
    );
    assert.match(partly.fix, retry);
  }
  // A specific error keeps its code and its fix, said as part of the failed write.
  const sign = errors.writeFailed(
    { kind: 'promotion', env: 'prod' },
    'v1.1.0',
    new TrunkError('ESIGN', 'signing failed.', 'unlock your key'),
  );
  assert.equal(
    [sign.code, sign.message, sign.fix],
    [
      'ESIGN',
      'the promotion of prod to v1.1.0 failed and was undone (no tag v1.1.0, here or on origin): signing failed.',
      'unlock your key',
    ],
  );
});

test.run();

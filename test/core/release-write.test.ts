// What a release or a promotion writes, as data: the planner is pure, so its cases are plain tables.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Environment } from '../../src/core/environments/model.js';
import { argocd } from '../../src/core/gitops/tools/argocd.js';
import { describeMoves, planReleaseWrite, planTagWrite, type ReleaseWriteInput } from '../../src/core/versioning/release-write.js';

const test = suite('release write');
const THREE: Environment[] = [{ name: 'dev', track: { kind: 'branch' } }, { name: 'qa', track: { kind: 'stable' } }, { name: 'prod', track: { kind: 'previous' } }];
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
  ...over,
});

test('a release: the changelog gets the notes as its newest section, on the commit it was planned on', () => {
  const { write, moves } = planReleaseWrite(input());
  assert.equal(write.files.map((f) => f.file), ['CHANGELOG.md']);
  assert.is(write.files[0].content('# Changelog\n\n## 1.0.0\n\n* old\n'), '# Changelog\n\n## 1.1.0\n\n* a\n\n## 1.0.0\n\n* old\n');
  assert.equal([write.what, write.tag, write.base, write.push], [{ kind: 'release' }, 'v1.1.0', 'abc123', null]);
  assert.equal(moves, [], 'no pointer rewritten, no move said');
});

test('a release that rewrites the previous environment says where it now points; pushed, the trunk goes along', () => {
  const { write, moves } = planReleaseWrite(input({ changelog: null, pointers: [{ path: 'gitops/argocd/prod.yaml', content: 'prod\n' }], push: true }));
  assert.equal(write.files.map((f) => [f.file, f.content(null)]), [['gitops/argocd/prod.yaml', 'prod\n']]);
  assert.equal(moves, [{ env: 'prod', tag: 'v1.0.0' }]);
  assert.is(describeMoves(moves), 'prod now runs v1.0.0');
  assert.equal(write.push, { remote: 'origin', trunk: 'main' });
});

test('a pinned previous environment does not move with the release', () => {
  const pinned = THREE.map((e) => (e.name === 'prod' ? { ...e, pin: 'v0.9.0' } : e));
  assert.equal(planReleaseWrite(input({ environments: pinned, pointers: [{ path: 'p.yaml', content: '' }] })).moves, []);
});

test("a promotion's tag goes on its candidate's commit and is pushed alone; an interrupted release's, with the trunk", () => {
  const promotion = planTagWrite({ kind: 'promotion', env: 'prod' }, 'v1.1.0', 'notes\n', { target: 'def456', trunk: 'main', sign: true, push: true });
  assert.equal([promotion.files, promotion.target, promotion.base, promotion.sign, promotion.push], [[], 'def456', undefined, true, { remote: 'origin', trunk: null }]);
  const completion = planTagWrite({ kind: 'completion' }, 'v1.1.0', 'notes\n', { trunk: 'main', sign: false, push: true });
  assert.equal([completion.target, completion.push], [undefined, { remote: 'origin', trunk: 'main' }]);
  assert.is(planTagWrite({ kind: 'completion' }, 'v1.1.0', '', { trunk: 'main', sign: false, push: false }).push, null);
});

test.run();

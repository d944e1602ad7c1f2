import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkPush, type PushedRef, type TrunkCommit } from '../../src/core/policy/pre-push.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';

const test = suite('checkPush');
const commit = (over: Partial<TrunkCommit>): TrunkCommit => ({ sha: 'a'.repeat(40), subject: 'fix: x', parents: 1, release: false, fromBranch: false, ...over });
const trunk = (trunkCommits: TrunkCommit[], deleted = false): PushedRef => ({ kind: 'branch', name: 'main', deleted, trunkCommits });
const tag = (name: string, over: Partial<Extract<PushedRef, { kind: 'tag' }>> = {}): PushedRef => ({ kind: 'tag', name, deleted: false, moved: false, target: 'commit', onTrunk: true, sha: 'b'.repeat(40), ...over });
const rules = (refs: PushedRef[], policy = defaultPolicy) => checkPush(refs, policy, 'origin').refusals.map((r) => r.rule);

test('merges, release commits, fast-forwarded branch commits and the root commit may reach main', () => {
  assert.equal(rules([trunk([commit({ parents: 2 }), commit({ release: true }), commit({ fromBranch: true }), commit({ parents: 0 })])]), []);
});

test('a commit made directly on main is refused, with its sha and subject', () => {
  const verdict = checkPush([trunk([commit({ parents: 2 }), commit({ sha: 'c0ffee'.padEnd(40, '0'), subject: 'fix typo' })])], defaultPolicy, 'origin');
  assert.equal(verdict.refusals.map((r) => r.rule), ['direct-commit']);
  assert.match(verdict.refusals[0].reason, /c0ffee0 fix typo/);
  assert.match(verdict.refusals[0].fix[0], /git reset --keep origin\/main/);
});

test('protectTrunk: false lets direct commits through but never a deletion', () => {
  const policy = { ...defaultPolicy, protectTrunk: false };
  assert.equal(rules([trunk([commit({})])], policy), []);
  assert.equal(rules([trunk([], true)], policy), ['delete-trunk']);
});

test('other branches are not judged here', () => {
  assert.equal(rules([{ kind: 'branch', name: 'feature/a', deleted: true, trunkCommits: [] }]), []);
});

const tagCases: [string, PushedRef, string[]][] = [
  ['a new release tag on main', tag('v1.4.0'), []],
  ['a prerelease with build metadata', tag('v1.4.0-rc.1+b.7'), []],
  ['deleting a release tag', tag('v1.4.0', { deleted: true }), ['delete-tag']],
  ['moving a release tag', tag('v1.4.0', { moved: true }), ['move-tag']],
  ['two-part version', tag('v1.4'), ['tag-format']],
  ['leading zero', tag('v01.4.0'), ['tag-format']],
  ['a tag on a tree', tag('v1.4.0', { target: 'other', onTrunk: false }), ['tag-target']],
  ['a tag off main', tag('v1.4.0', { onTrunk: false }), ['tag-off-trunk']],
  ['a non-release tag may move, go anywhere, be deleted', tag('deploy-123', { moved: true, onTrunk: false }), []],
  ['"latest" is not a release tag', tag('latest', { deleted: true }), []],
];
for (const [name, ref, expected] of tagCases) test(name, () => assert.equal(rules([ref]), expected));

test('every problem is reported, not just the first', () => {
  assert.equal(rules([trunk([commit({})]), tag('v1.0.0', { deleted: true }), tag('v2', {})]), ['direct-commit', 'delete-tag', 'tag-format']);
});

test.run();

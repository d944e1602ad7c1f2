import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleBranch } from '../../src/core/policy/branch-pattern.js';
import { checkCommit, type CommitFacts } from '../../src/core/policy/pre-commit.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';

const test = suite('checkCommit');
const lineage = { offTrunk: true, stackedOn: [], ageDays: 0.5, behind: 0 };
const facts = (over: Partial<CommitFacts>): CommitFacts => ({
  branch: 'feature/a',
  state: 'normal',
  hasHead: true,
  lineage,
  ...over,
});
const rulesOf = (f: CommitFacts) => {
  const v = checkCommit(f, defaultPolicy);
  return { refused: v.refusals.map((r) => r.rule), warned: v.warnings.map((w) => w.rule), allowedBy: v.allowedBy };
};

const cases: [string, Partial<CommitFacts>, { refused?: string[]; warned?: string[]; allowed?: boolean }][] = [
  ['a feature branch cut from main', {}, {}],
  ['main', { branch: 'main', lineage: null }, { refused: ['on-trunk'] }],
  ['finishing a merge into main', { branch: 'main', state: 'merge', lineage: null }, { allowed: true }],
  [
    'a merge in progress on a feature branch still checks the branch',
    { state: 'merge', lineage: { ...lineage, stackedOn: ['feature/b'] } },
    { refused: ['stacked'] },
  ],
  ['the root commit of an empty repository', { branch: 'main', hasHead: false, lineage: null }, { allowed: true }],
  ['detached HEAD', { branch: null, lineage: null }, { allowed: true }],
  ['a rebase (detached)', { branch: null, state: 'rebase', lineage: null }, { allowed: true }],
  ['a branch outside the patterns', { branch: 'hotfix/x', lineage: null }, { refused: ['branch-name'] }],
  ['a nested name does not match feature/*', { branch: 'feature/a/b', lineage: null }, { refused: ['branch-name'] }],
  ['unrelated history', { lineage: { ...lineage, offTrunk: false } }, { refused: ['not-off-trunk'] }],
  [
    'stacked on another branch',
    { lineage: { ...lineage, stackedOn: ['feature/base', 'origin/feature/base'] } },
    { refused: ['stacked'] },
  ],
  ['old branch: warning only', { lineage: { ...lineage, ageDays: 5 } }, { warned: ['branch-age'] }],
  ['far behind: warning only', { lineage: { ...lineage, behind: 51 } }, { warned: ['behind'] }],
  ['exactly at the limits', { lineage: { ...lineage, ageDays: 2, behind: 50 } }, {}],
  ['a branch without commits has no age', { lineage: { ...lineage, ageDays: null } }, {}],
];

for (const [name, over, expected] of cases)
  test(name, () => {
    const got = rulesOf(facts(over));
    assert.equal(got.refused, expected.refused ?? []);
    assert.equal(got.warned, expected.warned ?? []);
    assert.is(got.allowedBy !== undefined, expected.allowed ?? false);
  });

test('a refusal on main names the trunk and gives the command that keeps the staged work', () => {
  const [refusal] = checkCommit(facts({ branch: 'main', lineage: null }), defaultPolicy).refusals;
  assert.match(refusal.reason, /directly on main/);
  assert.equal(refusal.fix, ['move your staged work to a new branch and commit there: git switch -c feature/<name>']);
});

test('the stacked refusal names the base branch and how to move off it', () => {
  const [refusal] = checkCommit(
    facts({ lineage: { ...lineage, stackedOn: ['feature/base'] } }),
    defaultPolicy,
  ).refusals;
  assert.match(refusal.reason, /stacked on "feature\/base"/);
  assert.match(refusal.fix[0], /git rebase --onto main feature\/base/);
});

test('custom trunk and patterns', () => {
  const policy = { ...defaultPolicy, trunk: 'trunk', branches: ['feat/**', 'fix/*'] };
  assert.is(checkCommit(facts({ branch: 'feat/a/b' }), policy).refusals.length, 0);
  assert.equal(
    checkCommit(facts({ branch: 'trunk', lineage: null }), policy).refusals.map((r) => r.rule),
    ['on-trunk'],
  );
  assert.is(exampleBranch(policy), 'feat/<name>');
});

test.run();

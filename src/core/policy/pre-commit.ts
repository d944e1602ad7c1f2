// The pre-commit rule table: may a commit be made here, on this branch, in this state?
import { allow, refuse, warn, runRules, type Rule, type Verdict } from '../verdict.js';
import { exampleBranch, refuseBranchName } from './branch-pattern.js';
import type { Policy } from './policy.js';

export type GitState = 'normal' | 'merge' | 'rebase' | 'cherry-pick' | 'revert';

/** How a feature branch relates to the trunk; read only for branches that match the policy. */
export interface Lineage {
  /** The branch shares history with the trunk (it has a merge base). */
  offTrunk: boolean;
  /** Other branches whose tips HEAD contains but the trunk does not. */
  stackedOn: string[];
  /** Days since the branch's oldest own commit; null when it has none yet. */
  ageDays: number | null;
  /** Commits on the trunk that the branch does not have. */
  behind: number;
}

export interface CommitFacts {
  /** null when HEAD is detached. */
  branch: string | null;
  state: GitState;
  /** false before the repository's first commit. */
  hasHead: boolean;
  lineage: Lineage | null;
}

const onTrunk = (f: CommitFacts, p: Policy) => f.branch === p.trunk;
const name = (f: CommitFacts) => f.branch ?? 'HEAD';

const allowDetached: Rule<CommitFacts, Policy> = (f) =>
  f.branch === null ? allow('detached', 'detached HEAD (rebase, bisect or CI checkout)') : null;

const allowMergeInProgress: Rule<CommitFacts, Policy> = (f, p) =>
  onTrunk(f, p) && f.state === 'merge' ? allow('merge-in-progress', `finishing a merge into ${p.trunk}`) : null;

const allowRootCommit: Rule<CommitFacts, Policy> = (f) =>
  f.hasHead ? null : allow('root-commit', 'the first commit of an empty repository');

const refuseOnTrunk: Rule<CommitFacts, Policy> = (f, p) =>
  onTrunk(f, p)
    ? refuse(
        'on-trunk',
        `Committing directly on ${p.trunk} is not allowed: work goes on a short-lived branch (${p.branches.join(', ')}) merged back by pull request.`,
        `move your staged work to a new branch and commit there: git switch -c ${exampleBranch(p)}`,
      )
    : null;

const refuseUnmatchedBranch: Rule<CommitFacts, Policy> = (f, p) =>
  onTrunk(f, p)
    ? null
    : refuseBranchName(
        name(f),
        p,
        'may not receive commits',
        `rename this branch and commit again: git branch -m ${exampleBranch(p)}`,
      );

const refuseUnrelated: Rule<CommitFacts, Policy> = (f, p) =>
  f.lineage && !f.lineage.offTrunk
    ? refuse(
        'not-off-trunk',
        `Branch "${name(f)}" shares no history with ${p.trunk}: branches must be cut from ${p.trunk}.`,
        `start a branch from ${p.trunk} and commit there: git switch -c ${exampleBranch(p)} ${p.trunk}`,
      )
    : null;

const refuseStacked: Rule<CommitFacts, Policy> = (f, p) => {
  const stacked = f.lineage?.stackedOn ?? [];
  if (stacked.length === 0) return null;
  const base = stacked[0];
  return refuse(
    'stacked',
    `Branch "${name(f)}" is stacked on ${stacked.map((s) => `"${s}"`).join(', ')}, which ${stacked.length > 1 ? 'are' : 'is'} not merged into ${p.trunk} yet: branches must be cut from ${p.trunk}.`,
    `merge "${base}" into ${p.trunk} first, or move your commits onto ${p.trunk}: git rebase --onto ${p.trunk} ${base}`,
  );
};

const warnOldBranch: Rule<CommitFacts, Policy> = (f, p) => {
  const age = f.lineage?.ageDays;
  return age != null && age > p.maxBranchAgeDays
    ? warn(
        'branch-age',
        `branch "${name(f)}" is ${Math.floor(age)} days old (limit ${p.maxBranchAgeDays}, setting "maxBranchAgeDays"): merge it soon; long-lived branches are what trunk-based development avoids.`,
      )
    : null;
};

const warnBehind: Rule<CommitFacts, Policy> = (f, p) => {
  const behind = f.lineage?.behind ?? 0;
  return behind > p.maxBehind
    ? warn(
        'behind',
        `branch "${name(f)}" is ${behind} commits behind ${p.trunk} (limit ${p.maxBehind}, setting "maxBehind"): catch up with: git merge ${p.trunk}`,
      )
    : null;
};

const preCommitRules = [
  allowDetached,
  allowMergeInProgress,
  allowRootCommit,
  refuseOnTrunk,
  refuseUnmatchedBranch,
  refuseUnrelated,
  refuseStacked,
  warnOldBranch,
  warnBehind,
] as const;

/** Decides whether a commit may be made, given facts read from the repository. */
export function checkCommit(facts: CommitFacts, policy: Policy): Verdict {
  return runRules(preCommitRules, facts, policy);
}

// `trunk check`: the whole policy for a pull/merge request, as CI judges it. Every problem is reported.
import type { CommitFailure, LintProblem } from '../commits/lint.js';
import { collect, refuse, type Finding, type Verdict } from '../verdict.js';
import { exampleBranch, refuseBranchName } from './branch-pattern.js';
import type { Lineage } from './pre-commit.js';
import type { Policy } from './policy.js';
import { refuseMessages } from './push.js';

export interface PullRequestFacts {
  /** The source branch, when known. */
  source: string | null;
  /** The branch it targets. */
  target: string;
  lineage: Lineage;
  failures: CommitFailure[];
  /** The title and what is wrong with it, when a title was given. */
  title: { text: string; problems: LintProblem[] } | null;
}

/** Decides whether a pull request may be merged. */
export function checkPullRequest(pr: PullRequestFacts, policy: Policy): Verdict {
  const findings: (() => Finding | null)[] = [
    () =>
      pr.source === null
        ? null
        : refuseBranchName(
            pr.source,
            policy,
            'may not be merged',
            `open the pull request from an allowed name: git push origin HEAD:${exampleBranch(policy)}`,
          ),
    () =>
      pr.target !== policy.trunk
        ? refuse(
            'target',
            `The pull request targets "${pr.target}": pull requests go into ${policy.trunk}, the trunk.`,
            `change its base branch to ${policy.trunk}`,
          )
        : null,
    () =>
      pr.lineage.offTrunk
        ? null
        : refuse(
            'not-off-trunk',
            `The branch shares no history with ${policy.trunk}: branches must be cut from ${policy.trunk}.`,
            `recreate it from ${policy.trunk} and cherry-pick the work`,
          ),
    () =>
      pr.lineage.stackedOn.length
        ? refuse(
            'stacked',
            `The branch is stacked on ${pr.lineage.stackedOn.map((s) => `"${s}"`).join(', ')}, not yet merged into ${policy.trunk}.`,
            `merge that first, or rebase onto ${policy.trunk}: git rebase --onto origin/${policy.trunk} ${pr.lineage.stackedOn[0]}`,
          )
        : null,
    () => {
      const refusal = refuseMessages(pr.failures, policy, 'origin');
      return refusal && { kind: 'refuse', ...refusal };
    },
    () =>
      pr.title && pr.title.problems.length
        ? refuse(
            'title',
            `The pull request title "${pr.title.text}" is not a Conventional Commit (${pr.title.problems.map((p) => p.message).join('; ')}): squash merges use it as the commit message.`,
            'edit the title, e.g.: feat: add ingress for api',
          )
        : null,
  ];
  return collect(findings);
}

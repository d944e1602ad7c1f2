// One judgement of a push for both hooks: the client's pre-push (advice) and the server's pre-receive
// (enforcement) read the same facts, apply the same rule table and lint the same way; only what the receiving
// side is known to hold, and where the policy comes from, differ.
import type { Holdings, RefUpdate } from '../adapters/git/push-facts.js';
import { readPushFacts } from '../adapters/git/push-facts.js';
import type { Repo } from '../adapters/git/repo.js';
import { lintCommits, type CommitFailure, type CommitlintConfig } from '../core/commits/lint.js';
import type { Policy } from '../core/policy/policy.js';
import { checkPush, refuseMessages, type PushFacts } from '../core/policy/push.js';
import type { Verdict } from '../core/verdict.js';

/** Messages are linted this many at a time, so a push of 50,000 commits holds a bounded number of results. */
const BATCH = 1000;

export async function judgePush(
  repo: Repo,
  policy: Policy,
  updates: RefUpdate[],
  held: Holdings,
  side: PushFacts['side'],
  remote: string,
  commitlint: () => Promise<CommitlintConfig>,
): Promise<Verdict> {
  const { facts, commits } = await readPushFacts(repo, policy, updates, held, side);
  const verdict = checkPush(facts, policy, remote);
  if (commits.length === 0) return verdict;
  const config = await commitlint();
  const failures: CommitFailure[] = [];
  for (let i = 0; i < commits.length; i += BATCH) failures.push(...(await lintCommits(commits.slice(i, i + BATCH), config)));
  const refusal = refuseMessages(failures, policy, remote);
  return refusal ? { ...verdict, refusals: [...verdict.refusals, refusal] } : verdict;
}

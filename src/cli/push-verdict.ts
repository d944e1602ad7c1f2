// One judgement of a push for both hooks: the client's pre-push (advice) and the server's pre-receive
// (enforcement) read the same facts, apply the same rule table and lint the same way; only what the receiving
// side is known to hold, and where the policy comes from, differ.
import { readPushFacts, type Holdings, type PointerGenerator, type RefUpdate } from '../adapters/git/push-facts.js';
import type { Repo } from '../adapters/git/repo.js';
import { lintCommits, type CommitFailure, type CommitlintConfig } from '../core/commits/lint.js';
import type { Policy } from '../core/policy/policy.js';
import { checkPush, refuseMessages, type PushFacts } from '../core/policy/push.js';
import type { Verdict } from '../core/verdict.js';
import { TrunkError } from '../errors.js';

/**
 * The pointer manifests a release commit must hold: what trunk-init generates from the config committed there (a
 * release never changes it) and the tags, plus the release's own. Without a URL and app name to generate them with
 * (gitops.repoUrl and gitops.app, which trunk-init writes; a clone also has origin), null: they cannot be verified.
 */
function pointerGenerator(repo: Repo, held: Holdings): PointerGenerator {
  return async (sha, tag) => {
    const { readCommittedPolicy } = await import('../adapters/config/committed.js');
    const { manifestsFor } = await import('../flows/manifests.js');
    const { configuredTool } = await import('../core/gitops/registry.js');
    const { policy, file } = await readCommittedPolicy(repo, sha);
    const tool = configuredTool(policy.gitops);
    if (!tool) return new Map();
    try {
      const files = await manifestsFor(
        repo,
        policy,
        file?.slice(file.indexOf(':') + 1) ?? null,
        tool,
        [...held.tags.keys(), tag],
        sha,
      );
      return new Map(files.map((f) => [f.path, f.content]));
    } catch (err) {
      if (err instanceof TrunkError) return null;
      throw err;
    }
  };
}

/** Messages are linted this many at a time, so a push of 50,000 commits holds a bounded number of lints in flight. */
const BATCH = 200;

export async function judgePush(
  repo: Repo,
  policy: Policy,
  updates: RefUpdate[],
  held: Holdings,
  side: PushFacts['side'],
  remote: string,
  commitlint: () => Promise<CommitlintConfig>,
): Promise<Verdict> {
  // The freeze windows are judged by this machine's clock, when the push arrives.
  const { facts, commits } = await readPushFacts(
    repo,
    policy,
    updates,
    held,
    side,
    pointerGenerator(repo, held),
    Date.now(),
  );
  const verdict = checkPush(facts, policy, remote);
  if (commits.length === 0) return verdict;
  const config = await commitlint();
  const failures: CommitFailure[] = [];
  for (let i = 0; i < commits.length; i += BATCH)
    failures.push(...(await lintCommits(commits.slice(i, i + BATCH), config)));
  const refusal = refuseMessages(failures, policy, remote);
  return refusal ? { ...verdict, refusals: [...verdict.refusals, refusal] } : verdict;
}

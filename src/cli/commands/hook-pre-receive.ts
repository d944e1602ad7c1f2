// `trunk hook pre-receive`: the git server's check, which no client can skip. Reads `<old> <new> <ref>` lines,
// judges them by the policy committed on the trunk (the server's HEAD) before this push, and rejects the whole
// push on any problem.
import { readCommittedCommitlint, readCommittedPolicy } from '../../adapters/config/committed.js';
import { parseReceiveUpdates, serverHoldings, ZERO } from '../../adapters/git/push-facts.js';
import { openBareRepo } from '../../adapters/git/repo.js';
import { defaultPolicy } from '../../core/policy/policy.js';
import { checkServerHead } from '../../core/policy/push.js';
import { isRefused, type Verdict } from '../../core/verdict.js';
import { Exit, errors, TrunkError } from '../../errors.js';
import { readStdin, type Command } from '../main.js';
import { judgePush } from '../push-verdict.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

const KEPT = 'the push was rejected as a whole: nothing on the server changed.';

export const run: Command = async (_args, io) => {
  const updates = parseReceiveUpdates(await readStdin(io));
  const repo = await openBareRepo(io.cwd);
  const [head, held] = await Promise.all([
    repo.git(['symbolic-ref', '-q', 'HEAD']).then((s) => s.trim()),
    serverHoldings(repo),
  ]);
  const trunk = head.slice('refs/heads/'.length);
  const exists = held.branches.has(trunk);
  // The default branch as it is before the push: a push cannot change the rules that judge it.
  const policy = exists ? (await readCommittedPolicy(repo, head)).policy : { ...defaultPolicy, trunk };
  const moved = updates.find((u) => u.ref === head && u.new !== ZERO);
  const refusal = checkServerHead(
    head,
    {
      branches: [...held.branches.keys()],
      creates: moved !== undefined,
      configuredTrunk: exists ? policy.trunk : null,
    },
    repo.gitDir,
  );
  const verdict: Verdict = refusal
    ? { refusals: [refusal], warnings: [] }
    : await judgePush(repo, policy, updates, held, 'server', 'origin', () =>
        readCommittedCommitlint(repo, head, VERSION),
      );
  // The trunk's config after the push is what the next push is judged by: one the server cannot read, or that names
  // another trunk than HEAD's, would refuse every later push, the fix included.
  if (!isRefused(verdict) && moved) {
    try {
      const next = await readCommittedPolicy(repo, moved.new);
      if (next.policy.trunk !== trunk) throw errors.pushedTrunkDiffers(next.file, next.policy.trunk, trunk);
      await readCommittedCommitlint(repo, moved.new, VERSION);
    } catch (err) {
      if (!(err instanceof TrunkError)) throw err;
      verdict.refusals.push({
        rule: 'trunk-config',
        reason: `The push would leave ${trunk} with a configuration the server cannot judge by: ${err.message}`,
        details: err.details,
        fix: [err.fix],
      });
    }
  }
  const text = formatVerdict(verdict, KEPT);
  if (text) io.err(text);
  return isRefused(verdict) ? Exit.Refused : Exit.Ok;
};

// `trunk hook pre-receive`: the git server's check, which no client can skip. Reads `<old> <new> <ref>` lines,
// judges them by the policy committed on the trunk before this push, and rejects the whole push on any problem.
import { readCommittedCommitlint, readCommittedPolicy } from '../../adapters/config/committed.js';
import { parseReceiveUpdates, readPushFacts } from '../../adapters/git/push-facts.js';
import { openBareRepo } from '../../adapters/git/repo.js';
import { lintCommits } from '../../core/commits/lint.js';
import { refuseMessages } from '../../core/policy/pre-push.js';
import { checkReceive } from '../../core/policy/pre-receive.js';
import { isRefused } from '../../core/verdict.js';
import { Exit } from '../../errors.js';
import { readStdin, type Command } from '../main.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

export const run: Command = async (_args, io) => {
  const updates = parseReceiveUpdates(await readStdin(io));
  const repo = await openBareRepo(io.cwd);
  // The default branch (HEAD) as it is before the push: a push cannot change the rules that judge it.
  const trunkRef = (await repo.git(['symbolic-ref', '-q', 'HEAD'])).trim() || 'refs/heads/main';
  const { policy } = await readCommittedPolicy(repo, trunkRef);
  const { refs, commits } = await readPushFacts(repo, policy, updates, ['--all']);
  const verdict = checkReceive(refs, policy);
  const refusal = commits.length > 0 ? refuseMessages(await lintCommits(commits, await readCommittedCommitlint(repo, trunkRef, VERSION)), policy, 'origin') : null;
  if (refusal) verdict.refusals.push(refusal);
  const text = formatVerdict(verdict, 'the push was rejected as a whole: nothing on the server changed.');
  if (text) io.err(text);
  return isRefused(verdict) ? Exit.Refused : Exit.Ok;
};

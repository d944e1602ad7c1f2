// `trunk hook pre-push <remote> <url>`: may these refs and commits go to the remote?
import { loadCommitlint } from '../../adapters/config/commitlint.js';
import { loadPolicy } from '../../adapters/config/load.js';
import { parseRefUpdates, readPushFacts } from '../../adapters/git/push-facts.js';
import { openRepo } from '../../adapters/git/repo.js';
import { lintCommits } from '../../core/commits/lint.js';
import { checkPush, refuseMessages } from '../../core/policy/pre-push.js';
import { isRefused } from '../../core/verdict.js';
import { Exit } from '../../errors.js';
import { readStdin, type Command } from '../main.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

export const run: Command = async ([remote = 'origin'], io) => {
  const updates = parseRefUpdates(await readStdin(io));
  const repo = await openRepo(io.cwd);
  const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const { refs, commits } = await readPushFacts(repo, policy, updates, [`--remotes=${remote}`]);
  const verdict = checkPush(refs, policy, remote);
  const refusal = commits.length > 0 ? refuseMessages(await lintCommits(commits, await loadCommitlint(repo.root, repo.commonDir, VERSION)), policy, remote) : null;
  if (refusal) verdict.refusals.push(refusal);
  const text = formatVerdict(verdict, 'nothing was pushed; your commits and tags are unchanged.');
  if (text) io.err(text);
  return isRefused(verdict) ? Exit.Refused : Exit.Ok;
};

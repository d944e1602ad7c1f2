// `trunk hook pre-push <remote> <url>`: may these refs and commits go to the remote? Advice: the server's
// pre-receive hook (or trunk check and the forge's rules) enforces the same rules.
import { loadCommitlint } from '../../adapters/config/commitlint.js';
import { loadPolicy } from '../../adapters/config/load.js';
import { clientHoldings, parseRefUpdates } from '../../adapters/git/push-facts.js';
import { openRepo } from '../../adapters/git/repo.js';
import { isRefused } from '../../core/verdict.js';
import { Exit } from '../../errors.js';
import { readStdin, type Command } from '../main.js';
import { judgePush } from '../push-verdict.js';
import { formatVerdict } from '../report.js';
import { VERSION } from '../version.js';

export const run: Command = async ([remote = 'origin'], io) => {
  const updates = parseRefUpdates(await readStdin(io));
  const repo = await openRepo(io.cwd);
  const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const held = await clientHoldings(repo, remote);
  const verdict = await judgePush(repo, policy, updates, held, 'client', remote, () => loadCommitlint(repo.root, repo.commonDir, VERSION));
  const text = formatVerdict(verdict, 'nothing was pushed; your commits and tags are unchanged.');
  if (text) io.err(text);
  return isRefused(verdict) ? Exit.Refused : Exit.Ok;
};

// `trunk hook pre-commit`: may a commit be made on this branch?
import { loadPolicy } from '../../adapters/config/load.js';
import { readCommitFacts } from '../../adapters/git/commit-facts.js';
import { withPrefetch } from '../../adapters/git/prefetch.js';
import { openRepo } from '../../adapters/git/repo.js';
import { checkCommit } from '../../core/policy/pre-commit.js';
import { isRefused } from '../../core/verdict.js';
import { Exit } from '../../errors.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';
import { formatVerdict } from '../report.js';

export const run: Command = async (_args, io) => {
  const repo = withPrefetch(await openRepo(io.cwd), 'pre-commit');
  const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const verdict = checkCommit(await readCommitFacts(repo, policy), policy);
  const text = formatVerdict(verdict, 'nothing was lost: your staged changes are still staged.');
  if (text) io.err(text);
  return isRefused(verdict) ? Exit.Refused : Exit.Ok;
};

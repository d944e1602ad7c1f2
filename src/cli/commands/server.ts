// `trunk server install <bare repository> [--force]`: enforce the policy on the git server itself.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openBareRepo } from '../../adapters/git/repo.js';
import { installPreReceive } from '../../adapters/hooks/server.js';
import { Exit, errors } from '../../errors.js';
import type { Command } from '../main.js';

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  const [action, path] = positionals;
  if (action !== 'install' || !path) throw errors.usage('trunk server needs "install" and the path of a bare repository.', 'npx trunk server install /srv/git/gitops.git');
  const repo = await openBareRepo(resolve(io.cwd, path));
  const cli = fileURLToPath(new URL('./trunk.mjs', import.meta.url));
  const hook = installPreReceive(repo, process.execPath, cli, Boolean(values.force));
  io.err(`trunk: installed ${hook}: every push to ${repo.gitDir} is now judged by the policy committed on its default branch.`);
  return Exit.Ok;
};

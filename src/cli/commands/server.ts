// `trunk server install <bare repository> [--trunk NAME] [--force] [--deny-rewrites]`: enforce the policy on the
// git server itself. The hook judges by the policy committed on the server's HEAD, so HEAD is checked (and fixed)
// to name the trunk first.
import { join, resolve } from 'node:path';
import { readCommittedPolicy } from '../../adapters/config/committed.js';
import { lines, openBareRepo, type Repo } from '../../adapters/git/repo.js';
import { installPreReceive } from '../../adapters/hooks/server.js';
import { Exit, errors } from '../../errors.js';
import { defineCommand, GROUPS, unknownWord, USAGE } from '../args.js';
import type { Command } from '../main.js';

/** The trunk HEAD must name: the one asked for, else HEAD's own branch when it exists, else main. */
async function pointHead(repo: Repo, asked: string | undefined): Promise<{ trunk: string; note: string | null }> {
  const [head, refs] = await Promise.all([
    repo.git(['symbolic-ref', '-q', 'HEAD']),
    repo.git(['for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads']),
  ]);
  const current = head.trim().replace(/^refs\/heads\//, '');
  const branches = lines(refs);
  const trunk = asked ?? (branches.includes(current) ? current : 'main');
  if (branches.length > 0 && !branches.includes(trunk)) throw errors.serverNoTrunk(repo.gitDir, trunk, branches);
  if (current === trunk) return { trunk, note: null };
  await repo.git(['symbolic-ref', 'HEAD', `refs/heads/${trunk}`]);
  return {
    trunk,
    note: `HEAD named ${head.trim() || 'nothing'}${branches.includes(current) ? '' : ', which does not exist'}; it now names refs/heads/${trunk}, the trunk`,
  };
}

const USE = 'npx trunk server install /srv/git/gitops.git [--trunk main]';

const install = defineCommand(USAGE.serverInstall, async ({ values, positionals: [path] }, io) => {
  if (!path) throw errors.usage('trunk server install needs the path of a bare repository.', USE);
  const repo = await openBareRepo(resolve(io.cwd, path));
  const { trunk, note } = await pointHead(repo, values.trunk);
  // The committed policy must load now, not at the first push; and it must agree on which branch is the trunk.
  const committed = await readCommittedPolicy(repo, `refs/heads/${trunk}`);
  if (committed.file && committed.policy.trunk !== trunk)
    throw errors.serverTrunkDiffers(committed.file, committed.policy.trunk, trunk, repo.gitDir);
  const cli = join(import.meta.dirname, 'trunk.cjs');
  const hook = installPreReceive(repo, process.execPath, cli, Boolean(values.force));
  if (values['deny-rewrites'])
    for (const key of ['receive.denyNonFastForwards', 'receive.denyDeletes']) await repo.git(['config', key, 'true']);
  if (note) io.err(`trunk: ${note}.`);
  io.err(
    `trunk: installed ${hook}: every push to ${repo.gitDir} is now judged by the policy committed on ${trunk}${committed.file ? ` (${committed.file})` : ' (the defaults: no trunk config is committed there yet)'}.`,
  );
  io.err(
    values['deny-rewrites']
      ? 'trunk: receive.denyNonFastForwards and receive.denyDeletes are set: git itself now refuses force-pushes and deletions of every branch and tag.'
      : `trunk: the hook refuses rewriting or deleting ${trunk} and release tags itself; feature branches may still be force-pushed and deleted (--deny-rewrites makes git refuse that for every ref).`,
  );
  return Exit.Ok;
});

export const run: Command = async (args, io) => {
  const [word, ...rest] = args;
  if (word === '--help' || word === '-h') return (io.out(GROUPS.server()), Exit.Ok);
  if (word === undefined) throw errors.usage('trunk server needs "install" and the path of a bare repository.', USE);
  if (word !== 'install') throw unknownWord(word, ['install'], 'a trunk server command', USE);
  return install(rest, io);
};

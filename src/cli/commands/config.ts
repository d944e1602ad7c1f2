// `trunk config [--json]`: the effective configuration (defaults filled in) and where each value comes from.
import { DEFAULT_IN_USE, loadCommitlint } from '../../adapters/config/commitlint.js';
import { loadPolicy } from '../../adapters/config/load.js';
import { openRepo } from '../../adapters/git/repo.js';
import { Exit, TrunkError } from '../../errors.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';

/** Each leaf of `value` as [dotted key, value]; arrays and empty objects are leaves. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0)
    return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}

const has = (raw: unknown, key: string) =>
  key
    .split('.')
    .reduce<{ found: boolean; at: unknown }>(
      (acc, part) =>
        acc.found && acc.at !== null && typeof acc.at === 'object' && part in acc.at
          ? { found: true, at: (acc.at as Record<string, unknown>)[part] }
          : { found: false, at: undefined },
      { found: true, at: raw },
    ).found;

export const run: Command = defineCommand(USAGE.config, async ({ values }, io) => {
  const repo = await openRepo(io.cwd);
  const { policy, file, raw } = await loadPolicy(repo.root, repo.commonDir, VERSION);
  if (values.json) {
    io.out(JSON.stringify({ file, config: policy }, null, 2));
    return Exit.Ok;
  }
  io.out(`# effective trunk config (${file ?? 'no config file: every value is a default'})`);
  for (const [key, value] of leaves(policy))
    io.out(`${key} = ${JSON.stringify(value)}   # ${file && has(raw, key) ? file : 'default'}`);
  // The commit-message rules come from commitlint's own config; only their absence is trunk-init's to say.
  const commitlint = await loadCommitlint(repo.root, repo.commonDir, VERSION).catch((err) => {
    if (err instanceof TrunkError) return null; // trunk doctor reports it, with its fix
    throw err;
  });
  if (commitlint?.fallback) io.out(`# ${DEFAULT_IN_USE}`);
  return Exit.Ok;
});

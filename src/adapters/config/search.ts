// The trunk config as cosmiconfig finds it at the repository root (module name "trunk"), validated.
import { relative } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { errors } from '../../errors.js';
import { CONFIG_FILES, type LoadedPolicy } from './files.js';
import { validatePolicy } from './schema.js';

/** Searches `root` only (no parent directories, no home) and validates what it finds. */
export async function searchPolicy(root: string): Promise<LoadedPolicy> {
  let found;
  try {
    // Creating the explorer already reads the working directory's package.json, for cosmiconfig's own settings.
    found = await cosmiconfig('trunk', { searchPlaces: CONFIG_FILES, searchStrategy: 'none', cache: false }).search(
      root,
    );
  } catch (err) {
    const file = (err as { filepath?: string }).filepath;
    throw (
      (await import('./json-syntax.js')).cosmiconfigJsonError(err, root) ??
      errors.unreadableConfig(file ? relative(root, file) : 'the trunk config', err)
    );
  }
  const file = found ? relative(root, found.filepath) : null;
  const result = validatePolicy(found?.config, file ?? 'defaults');
  if ('problems' in result) throw errors.badConfig(file ?? 'trunk config', result.problems);
  return { policy: result.policy, file, raw: found?.config ?? null };
}

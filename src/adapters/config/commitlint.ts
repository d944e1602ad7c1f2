// Loads the repository's commitlint configuration with @commitlint/load, as commitlint's CLI does.
// JSON/YAML configs are cached (cache.ts), keyed by their content and by the install state of node_modules
// (what `extends` resolves to); a config in code may import anything, so it is loaded every time.
import { join } from 'node:path';
import type { CommitlintConfig } from '../../core/commits/lint.js';
import { errors } from '../../errors.js';
import { cached, cacheKey, stamp } from './cache.js';

export const CONFIG_FILES = [
  '.commitlintrc', '.commitlintrc.json', '.commitlintrc.yaml', '.commitlintrc.yml',
  '.commitlintrc.js', '.commitlintrc.cjs', '.commitlintrc.mjs', '.commitlintrc.ts', '.commitlintrc.cts', '.commitlintrc.mts',
  'commitlint.config.js', 'commitlint.config.cjs', 'commitlint.config.mjs', 'commitlint.config.ts', 'commitlint.config.cts', 'commitlint.config.mts',
];
/** Written by every install: when one changes, what `extends` resolves to may have changed. */
const INSTALL_STATE = [
  'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock',
  'node_modules/.package-lock.json', 'node_modules/.modules.yaml', 'node_modules/.yarn-state.yml',
];
const CODE = /\.[cm]?[jt]s$/;

/** The commitlint config files present in `root`. */
export function commitlintFiles(root: string): string[] {
  return CONFIG_FILES.filter((name) => stamp(join(root, name)) !== null);
}

/**
 * @commitlint/load as commitlint's CLI runs it in `cwd`; or, with `seed` (a config object read from a revision),
 * from `file` alone: the load then searches no directory, and resolves `extends` next to that file.
 */
export async function loadCommitlintFrom(cwd: string, seed: Record<string, unknown> = {}, file?: string): Promise<CommitlintConfig> {
  const { default: load } = await import('@commitlint/load');
  try {
    const loaded = await load(seed, { cwd, file });
    const preset = loaded.parserPreset as { parserOpts?: object } | undefined;
    return {
      rules: loaded.rules,
      parserOpts: typeof preset?.parserOpts === 'object' ? { ...preset.parserOpts } : {},
      ignores: loaded.ignores,
      defaultIgnores: loaded.defaultIgnores,
      plugins: loaded.plugins,
      helpUrl: loaded.helpUrl,
    };
  } catch (err) {
    throw errors.commitlintConfig(cwd, err);
  }
}

/** The repository's commitlint configuration, as commitlint's CLI would load it from `root`. */
export async function loadCommitlint(root: string, commonDir: string, version: string): Promise<CommitlintConfig> {
  const files = commitlintFiles(root);
  const key = files.some((name) => CODE.test(name)) ? null : cacheKey(root, version, [...files, 'package.json'], INSTALL_STATE);
  return cached(commonDir, 'commitlint', key, () => loadCommitlintFrom(root));
}

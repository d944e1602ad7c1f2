// Loads the repository's commitlint configuration with @commitlint/load, as commitlint's CLI does; a repository
// with none is linted with config-conventional, the preset trunk-init installs.
// JSON/YAML configs are cached (cache.ts), keyed by their content and by the install state of node_modules
// (what `extends` resolves to); a config in code may import anything, so it is loaded every time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitlintConfig } from '../../core/commits/lint.js';
import { errors } from '../../errors.js';
import { cached, cacheKey, stamp } from './cache.js';

export const CONFIG_FILES = [
  '.commitlintrc',
  '.commitlintrc.json',
  '.commitlintrc.yaml',
  '.commitlintrc.yml',
  '.commitlintrc.js',
  '.commitlintrc.cjs',
  '.commitlintrc.mjs',
  '.commitlintrc.ts',
  '.commitlintrc.cts',
  '.commitlintrc.mts',
  'commitlint.config.js',
  'commitlint.config.cjs',
  'commitlint.config.mjs',
  'commitlint.config.ts',
  'commitlint.config.cts',
  'commitlint.config.mts',
];
/** Written by every install: when one changes, what `extends` resolves to may have changed. */
const INSTALL_STATE = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'node_modules/.package-lock.json',
  'node_modules/.modules.yaml',
  'node_modules/.yarn-state.yml',
];
const CODE = /\.[cm]?[jt]s$/;

/** The preset trunk-init writes into `.commitlintrc.json`, and lints with where there is no commitlint config. */
export const DEFAULT_PRESET = '@commitlint/config-conventional';
export const DEFAULT_IN_USE = `no commitlint config: using ${DEFAULT_PRESET} (trunk-init's default)`;

/** An empty config shipped with trunk-init: `extends` given with it resolve from trunk-init's own dependencies. */
export const trunkInitBase = () => join(import.meta.dirname, '../templates/commitlint-base.json');

export interface RepositoryCommitlint extends CommitlintConfig {
  /** The repository has no commitlint config: DEFAULT_PRESET is in use. */
  fallback?: true;
}

/** The commitlint config files present in `root`. */
export function commitlintFiles(root: string): string[] {
  return CONFIG_FILES.filter((name) => stamp(join(root, name)) !== null);
}

/**
 * @commitlint/load as commitlint's CLI runs it in `cwd`; or, with `seed` (a config object read from a revision),
 * from `file` alone: the load then searches no directory, and resolves `extends` next to that file.
 */
export async function loadCommitlintFrom(
  cwd: string,
  seed: Record<string, unknown> = {},
  file?: string,
): Promise<CommitlintConfig> {
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
    throw (await import('./json-syntax.js')).cosmiconfigJsonError(err, cwd) ?? errors.commitlintConfig(cwd, err);
  }
}

const hasPackageKey = (root: string) => {
  const file = join(root, 'package.json');
  try {
    return existsSync(file) && 'commitlint' in JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * The repository's commitlint configuration, as commitlint's CLI would load it from `root`. With none at all (no
 * file, no package.json key, nothing found above), DEFAULT_PRESET: the repository's own install of it, else
 * trunk-init's; commitlint itself would refuse every message there for having no rules.
 */
export async function loadCommitlint(root: string, commonDir: string, version: string): Promise<RepositoryCommitlint> {
  const files = commitlintFiles(root);
  const key = files.some((name) => CODE.test(name))
    ? null
    : cacheKey(root, version, [...files, 'package.json'], INSTALL_STATE);
  return cached(commonDir, 'commitlint', key, async () => {
    const loaded = await loadCommitlintFrom(root);
    if (Object.keys(loaded.rules).length > 0 || files.length > 0 || hasPackageKey(root)) return loaded;
    const { resolveFromSilent } = await import('@commitlint/load');
    const preset = resolveFromSilent(DEFAULT_PRESET, root) ?? DEFAULT_PRESET;
    return { ...(await loadCommitlintFrom(root, { extends: [preset] }, trunkInitBase())), fallback: true };
  });
}

// Loads the repository's commitlint configuration with @commitlint/load, cached in the git dir:
// a full load costs ~100 ms per hook run, a cache hit ~1 ms. Only JSON/YAML configs are cached,
// keyed by their content and by the install state of node_modules (what `extends` resolves to).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitlintConfig } from '../../core/commits/lint.js';
import { errors } from '../../errors.js';

const CONFIG_FILES = [
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

const read = (path: string) => {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
};
const stamp = (path: string) => {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
};

/** The commitlint config files present in `root`. */
export function commitlintFiles(root: string): string[] {
  return CONFIG_FILES.filter((name) => stamp(join(root, name)) !== null);
}

/** A cache key, or null when the config is code (it may import anything, so it is loaded every time). */
function cacheKey(root: string, version: string): string | null {
  const files = commitlintFiles(root);
  if (files.some((name) => CODE.test(name))) return null;
  const hash = createHash('sha256').update(version);
  for (const name of [...files, 'package.json']) hash.update(`\0${name}\0`).update(read(join(root, name)) ?? '');
  for (const name of INSTALL_STATE) hash.update(`\0${name}\0${stamp(join(root, name))}`);
  return hash.digest('hex');
}

// RegExps (the parser's header patterns) survive the JSON round trip; functions cannot.
const encode = (_: string, value: unknown) => {
  if (typeof value === 'function') throw new Error('not serialisable');
  return value instanceof RegExp ? { $regexp: value.source, flags: value.flags } : value;
};
const decode = (_: string, value: any) => (value && typeof value.$regexp === 'string' ? new RegExp(value.$regexp, value.flags) : value);

async function loadFresh(root: string): Promise<CommitlintConfig> {
  const { default: load } = await import('@commitlint/load');
  try {
    const loaded = await load({}, { cwd: root });
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
    throw errors.commitlintConfig(root, err);
  }
}

/** The repository's commitlint configuration, as commitlint's CLI would load it from `root`. */
export async function loadCommitlint(root: string, commonDir: string, version: string): Promise<CommitlintConfig> {
  const key = cacheKey(root, version);
  const cacheFile = join(commonDir, 'trunk-init', 'commitlint.json');
  if (key) {
    const cached = read(cacheFile);
    if (cached) {
      try {
        const entry = JSON.parse(cached.toString(), decode);
        if (entry.key === key) return entry.config;
      } catch {
        // A corrupt cache is a miss.
      }
    }
  }
  const config = await loadFresh(root);
  if (key) {
    try {
      const text = JSON.stringify({ key, config }, encode);
      mkdirSync(join(commonDir, 'trunk-init'), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, text);
      renameSync(tmp, cacheFile);
    } catch {
      // Plugins or ignore functions, or a read-only git dir: no cache, same verdict.
    }
  }
  return config;
}

// The policy and the commitlint config as committed on a revision, read with git: for the git server (a bare
// repository has no files) and for CI judging a pull request by its base. JSON only: configuration in code from a
// revision is never run, and a push or pull request cannot weaken the rules that judge it.
import type { CommitlintConfig } from '../../core/commits/lint.js';
import { errors } from '../../errors.js';
import { lines, type Repo } from '../git/repo.js';
import { cached, cacheKey } from './cache.js';
import { CONFIG_FILES as COMMITLINT_FILES, DEFAULT_PRESET, loadCommitlintFrom, trunkInitBase } from './commitlint.js';
import { CONFIG_FILES, type LoadedPolicy } from './files.js';
import { validatePolicy } from './schema.js';

/** Configuration in code (never run from a revision) or YAML: only JSON is read there. */
const NOT_JSON = /\.[cm]?[jt]s$|\.ya?ml$/;

/** The first of `names` committed on `rev` with its parsed JSON (package.json only when it has `key`). */
async function readFirst(
  repo: Repo,
  rev: string,
  names: string[],
  key: string,
): Promise<{ file: string; value: unknown } | null> {
  const present = new Set(lines(await repo.git(['ls-tree', '--name-only', rev, '--', ...names])));
  for (const name of names.filter((n) => present.has(n))) {
    const file = `${rev}:${name}`;
    if (NOT_JSON.test(name)) throw errors.configCodeAtRevision(file, name);
    const text = await repo.git(['cat-file', 'blob', file]);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw (await import('./json-syntax.js')).jsonError(file, text, err);
    }
    if (name !== 'package.json') return { file, value };
    if (value && typeof value === 'object' && key in value)
      return { file, value: (value as Record<string, unknown>)[key] };
  }
  return null;
}

/** The policy committed on `rev` (the defaults when there is none, or `rev` does not exist yet). */
export async function readCommittedPolicy(repo: Repo, rev: string): Promise<LoadedPolicy> {
  const exists = (await repo.git(['rev-parse', '--verify', '-q', `${rev}^{commit}`])).trim() !== '';
  const found = exists ? await readFirst(repo, rev, CONFIG_FILES, 'trunk') : null;
  const result = validatePolicy(found?.value, found?.file ?? 'defaults');
  if ('problems' in result) throw errors.badConfig(found?.file ?? 'defaults', result.problems);
  return { policy: result.policy, file: found?.file ?? null, raw: found?.value ?? null };
}

/** A package name, or a file inside one (`@scope/name/sub`): never a path, which could name any file on the machine. */
const PACKAGE = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w-][\w.-]*)*$/i;

/** The keys of a commitlint config that load code, each of which must name packages only when read from a revision. */
function refusePaths(seed: Record<string, unknown>, file: string): void {
  for (const key of ['extends', 'plugins', 'parserPreset', 'formatter']) {
    const values = ([] as unknown[]).concat(seed[key] ?? []).filter((v): v is string => typeof v === 'string');
    const path = values.find((v) => !PACKAGE.test(v) || v.split('/').includes('..'));
    if (path !== undefined) throw errors.configPathAtRevision(file, key, path);
  }
}

/**
 * The commitlint config committed on `rev`, resolved from trunk-init's own dependencies (config-conventional by
 * default); cached by its content in the git dir, as @commitlint/load costs a push ~300 ms of CPU.
 */
export async function readCommittedCommitlint(repo: Repo, rev: string, version: string): Promise<CommitlintConfig> {
  const exists = (await repo.git(['rev-parse', '--verify', '-q', `${rev}^{commit}`])).trim() !== '';
  const found = exists ? await readFirst(repo, rev, [...COMMITLINT_FILES, 'package.json'], 'commitlint') : null;
  const seed = (found?.value as Record<string, unknown> | undefined) ?? { extends: [DEFAULT_PRESET] };
  if (found) refusePaths(seed, found.file);
  return cached(repo.commonDir, 'commitlint-committed', cacheKey('', version, []) + JSON.stringify(seed), () =>
    loadCommitlintFrom(repo.root, seed, trunkInitBase()),
  );
}

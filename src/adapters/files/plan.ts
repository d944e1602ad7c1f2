// File changes as a plan (create / update / overwrite / keep / unchanged / remove), then applied: trunk-init's, a release's, a pin's.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assertWritable } from './writable.js';

export type Action = 'create' | 'update' | 'overwrite' | 'keep' | 'unchanged' | 'remove';

export interface Change {
  path: string;
  action: Action;
  content: string;
  mode?: number;
  note?: string;
  /** For a write: what the file held before (null: it did not exist), so --uninstall can put it back. */
  before?: string | null;
  /** For planLines: the lines appended. */
  appended?: string[];
}

/** The text of `root`/`path`, or null when there is no such file. */
export const readText = (root: string, path: string) =>
  existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null;

export interface FileOptions {
  mode?: number;
  force?: boolean;
  /** An existing file we wrote ourselves (fingerprinted) may be updated without --force. */
  ours?: (existing: string) => boolean;
  /** Other files that play the same role: if one exists, the user already has this. */
  alternatives?: string[];
}

/** Plans writing a whole file, never replacing the user's own file unless forced. */
export function planFile(root: string, path: string, content: string, options: FileOptions = {}): Change {
  const existing = readText(root, path);
  const change = { path, content, mode: options.mode, before: existing };
  if (existing === content) return { ...change, action: 'unchanged' };
  if (existing === null) {
    const other = options.alternatives?.find((alt) => alt !== path && existsSync(join(root, alt)));
    if (other && !options.force) return { ...change, action: 'keep', note: `you have ${other}` };
    return { ...change, action: 'create' };
  }
  if (options.ours?.(existing)) return { ...change, action: 'update' };
  return options.force
    ? { ...change, action: 'overwrite' }
    : { ...change, action: 'keep', note: 'yours; --force overwrites it' };
}

/** Plans appending the lines a file is missing (.gitignore, .gitattributes). */
export function planLines(root: string, path: string, lines: string[]): Change {
  const existing = readText(root, path);
  const have = new Set((existing ?? '').split(/\r?\n/).map((line) => line.trim()));
  const missing = lines.filter((line) => !have.has(line));
  if (missing.length === 0) return { path, action: 'unchanged', content: existing ?? '' };
  const base = existing === null || existing === '' || existing.endsWith('\n') ? (existing ?? '') : `${existing}\n`;
  return {
    path,
    action: existing === null ? 'create' : 'update',
    content: base + missing.map((l) => `${l}\n`).join(''),
    before: existing,
    appended: missing,
  };
}

/** Plans rewriting a file through `transform` (package.json). */
export function planTransform(root: string, path: string, transform: (existing: string | null) => string): Change {
  const existing = readText(root, path);
  const content = transform(existing);
  return {
    path,
    content,
    before: existing,
    action: existing === null ? 'create' : existing === content ? 'unchanged' : 'update',
  };
}

export const writes = (plan: Change[]) =>
  plan.filter(
    (c) => c.action === 'create' || c.action === 'update' || c.action === 'overwrite' || c.action === 'remove',
  );

/** Writes (or removes) every change that is a write; refuses, before writing any, one that would go through a symlink. */
export function applyPlan(root: string, plan: Change[]): void {
  for (const change of writes(plan)) assertWritable(root, change.path);
  for (const change of writes(plan)) {
    const file = join(root, change.path);
    if (change.action === 'remove') {
      rmSync(file, { force: true });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, change.content);
    if (change.mode !== undefined) chmodSync(file, change.mode);
  }
}

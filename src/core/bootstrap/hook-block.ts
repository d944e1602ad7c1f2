// trunk-init's part of a hook file in .husky/: one marked block. Everything outside the block is the user's and is
// never rewritten; the block is added after the shebang (so it runs even when the user's lines end in `exit 0`),
// replaced in place on update, and removed byte for byte on uninstall.
import { calledHook, TRUNK_HOOKS } from '../hook-managers/hooks.js';

const START = '# >>> trunk-init ';
const END = '# <<< trunk-init ';
/** A whole file written by the first trunk-init versions: recognised so its user lines survive the migration. */
const OLD_FINGERPRINT = '# trunk-init shim';
const SHEBANG = '#!/bin/sh\n';

/** Trunk's four hooks run its checks; any other hook name gets a block that only chains the clone's own hook. */
const runsChecks = (hook: string) => (TRUNK_HOOKS as readonly string[]).includes(hook);

/** The block for `hook`: find lib.sh (in a linked worktree, the main work tree's), run the clone's own hook, then ours. */
export function hookBlock(hook: string): string {
  const what = runsChecks(hook) ? `the ${hook} check` : `.git/hooks/${hook}`;
  return [
    `${START}${hook}: managed by trunk-init (npx trunk-init updates it, npx trunk-init --uninstall removes it); lines outside it are yours`,
    'lib=node_modules/trunk-init/hooks/lib.sh',
    '[ -f "$lib" ] || lib="$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/../$lib"',
    `[ -f "$lib" ] || { echo "trunk: node_modules/trunk-init/hooks/lib.sh is missing, so ${what} cannot run. Fix: npm install" >&2; exit 2; }`,
    '. "$lib"',
    runsChecks(hook) ? `trunk_run ${hook} "$@"` : `trunk_chain ${hook} "$@"`,
    `${END}${hook}`,
    '',
  ].join('\n');
}

interface Span {
  start: number;
  end: number;
}

/** Where `hook`'s block is in `text` (the start line through the end line and its newline), or null. */
function findBlock(text: string, hook: string): Span | null {
  const marker = `${START}${hook}:`;
  const start = text.startsWith(marker) ? 0 : text.indexOf(`\n${marker}`) + 1;
  if (start === 0 && !text.startsWith(marker)) return null;
  const endLine = text.indexOf(`\n${END}${hook}`, start);
  if (endLine < 0) return null;
  const after = text.indexOf('\n', endLine + 1);
  return { start, end: after < 0 ? text.length : after + 1 };
}

/** The lines of a first-version shim that were trunk-init's; the user's lines appended to it are kept. */
function withoutOldShim(text: string): string {
  const old = (line: string) =>
    line.startsWith(OLD_FINGERPRINT) ||
    line.startsWith('lib=node_modules/trunk-init/') ||
    line.startsWith('[ -f "$lib" ]') ||
    line === '. "$lib"' ||
    /^trunk_hook [a-z-]+ "\$@"$/.test(line) ||
    line.startsWith('# A linked worktree (git worktree add)');
  return text
    .split('\n')
    .filter((line) => !old(line))
    .join('\n');
}

/**
 * `existing` (null: no file) with trunk-init's block for `hook`: a new file is a shebang and the block; a file
 * with the block gets it replaced in place; any other file keeps every line and gets the block after its shebang.
 */
export function withBlock(existing: string | null, hook: string): string {
  const block = hookBlock(hook);
  if (existing === null) return SHEBANG + block;
  const span = findBlock(existing, hook);
  if (span) return existing.slice(0, span.start) + block + existing.slice(span.end);
  const text = existing.includes(OLD_FINGERPRINT) ? withoutOldShim(existing) : existing;
  if (!text.startsWith('#!')) return block + text;
  const firstLine = text.indexOf('\n');
  return firstLine < 0 ? `${text}\n${block}` : text.slice(0, firstLine + 1) + block + text.slice(firstLine + 1);
}

/**
 * `text` without trunk-init's block for `hook`, byte for byte as it was before the block was added; null when
 * nothing of the user's is left (the file was trunk-init's alone).
 */
export function withoutBlock(text: string, hook: string): string | null {
  const span = findBlock(text, hook);
  const rest = span ? text.slice(0, span.start) + text.slice(span.end) : text;
  return rest === SHEBANG || rest === '' ? null : rest;
}

/** Whether the hook file `text` runs trunk's check for `hook`: with trunk-init's block, or a line (not a comment) of the user's. */
export function runsTrunkHook(text: string, hook: string): boolean {
  const span = findBlock(text, hook);
  if (span && text.slice(span.start, span.end).includes(`trunk_run ${hook} "$@"`)) return true;
  return text.split('\n').some((line) => !line.trimStart().startsWith('#') && calledHook(line) === hook);
}

/** Whether `text` carries trunk-init's block for `hook` (the clone's own .git/hooks/`hook` then runs from it). */
export const hasBlock = (text: string, hook: string) => findBlock(text, hook) !== null;

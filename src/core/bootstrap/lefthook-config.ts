// The `trunk-init` script trunk-init adds under each of its hooks in lefthook's config, the script file itself, and
// taking them out again. Scripts, not `run:` commands: lefthook skips a command in pre-commit when no file is staged
// and in pre-push when HEAD has no file change to push, and never a script.
import { isMap, type Document, type Pair, type YAMLMap } from 'yaml';
import { errors } from '../../errors.js';
import { TRUNK_HOOKS, type HookName } from '../hook-managers/hooks.js';
import { SCRIPT } from '../hook-managers/lefthook.js';
import {
  appendToMap,
  assertBlock,
  childIndent,
  fillPair,
  indent,
  indentUnit,
  insertLines,
  isEmpty,
  pairOf,
  parseYaml,
  removePair,
} from '../yaml-text.js';

/** The first line of trunk-init's script files: how it knows them as its own. */
export const SCRIPT_MARK = '# trunk-init: lefthook runs this';

/**
 * The script file for `hook` (`<source_dir>/<hook>/trunk-init`): trunk's check, with no chaining of .git/hooks,
 * which are lefthook's own. In a linked worktree, the main work tree's node_modules.
 */
export function lefthookScript(hook: HookName): string {
  return [
    '#!/bin/sh',
    `${SCRIPT_MARK} as its ${hook} script (npx trunk-init updates it, npx trunk-init --uninstall removes it).`,
    'check=node_modules/trunk-init/hooks/check',
    '[ -f "$check" ] || check="$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/../$check"',
    `[ -f "$check" ] || { echo "trunk: node_modules/trunk-init/hooks/check is missing, so the ${hook} check cannot run. Fix: npm install" >&2; exit 2; }`,
    `exec sh "$check" ${hook} "$@"`,
    '',
  ].join('\n');
}

/** The script entry: run with sh; pre-push also gets git's stdin, the refs being pushed (lefthook passes none otherwise). */
const script = (hook: HookName) => ({ runner: 'sh', ...(hook === 'pre-push' ? { use_stdin: true } : {}) });
const scriptLines = (hook: HookName) => Object.entries(script(hook)).map(([key, value]) => `${key}: ${value}`);

function contentsOf(doc: Document.Parsed, file: string): YAMLMap | null {
  if (isEmpty(doc.contents)) return null;
  if (!isMap(doc.contents))
    throw errors.hookConfigByHand(file, 'is not a mapping of hooks', `check ${file} with: npx lefthook validate`);
  return doc.contents;
}

/** `entry` added as `hook.scripts.trunk-init`, creating the hook and its `scripts:` where they are missing. */
function withScript(
  text: string,
  doc: Document.Parsed,
  hook: HookName,
  entry: string[],
  unit: number,
  file: string,
): string {
  const contents = contentsOf(doc, file);
  const body = ['scripts:', ...indent(entry, unit)];
  const section = [`${hook}:`, ...indent(body, unit)];
  if (!contents) return insertLines(text, text.length, section);
  const hookPair = pairOf(contents, hook);
  if (!hookPair) return appendToMap(text, contents, section);
  if (isEmpty(hookPair.value)) return fillPair(text, hookPair, body, unit);
  if (!isMap(hookPair.value))
    throw errors.hookConfigByHand(
      file,
      `has a ${hook} that is not a mapping`,
      `make ${hook} a mapping of commands and scripts`,
    );
  // Inside an existing hook, its own indentation.
  const step = childIndent(text, hookPair) ?? unit;
  const scripts = pairOf(hookPair.value, 'scripts');
  if (!scripts) {
    assertBlock(hookPair.value, file, hook, entry);
    return appendToMap(text, hookPair.value, ['scripts:', ...indent(reindent(entry, unit, step), step)]);
  }
  if (isEmpty(scripts.value)) return fillPair(text, scripts, reindent(entry, unit, step), step);
  if (!isMap(scripts.value))
    throw errors.hookConfigByHand(
      file,
      `has ${hook}.scripts that is not a mapping`,
      `make ${hook}.scripts a mapping of script names`,
    );
  assertBlock(scripts.value, file, `${hook}.scripts`, entry);
  return appendToMap(text, scripts.value, reindent(entry, unit, childIndent(text, scripts) ?? step));
}

/** Lines laid out with an indentation step of `from`, re-laid with `to`. */
const reindent = (lines: string[], from: number, to: number) =>
  lines.map((line) => ' '.repeat(((line.length - line.trimStart().length) / from) * to) + line.trimStart());

/** `text` (null: no config yet) with trunk-init's script under each of trunk's hooks; idempotent. */
export function withLefthookEntries(text: string | null, file: string): string {
  let out = text ?? '';
  for (const hook of TRUNK_HOOKS) {
    let doc = parseYaml(out, file);
    const unit = indentUnit(out, doc);
    const entry = [`${SCRIPT}:`, ...indent(scriptLines(hook), unit)];
    const current = pairOf(pairOf(pairOf(doc.contents, hook)?.value, 'scripts')?.value, SCRIPT);
    if (current && JSON.stringify((current.value as YAMLMap | null)?.toJSON?.()) === JSON.stringify(script(hook)))
      continue;
    if (current) {
      out = removePair(out, current);
      doc = parseYaml(out, file);
    }
    out = withScript(out, doc, hook, entry, unit, file);
  }
  return out;
}

/** `text` without trunk-init's scripts, and without a `scripts:` or hook they leave empty. */
export function withoutLefthookEntries(text: string, file: string): string {
  let out = text;
  const find = (path: string[]) => {
    let node: unknown = parseYaml(out, file).contents;
    let pair: Pair | undefined;
    for (const key of path) [pair, node] = [pairOf(node, key), pairOf(node, key)?.value];
    return pair;
  };
  for (const hook of TRUNK_HOOKS) {
    const ours = find([hook, 'scripts', SCRIPT]);
    if (!ours) continue;
    out = removePair(out, ours);
    // `scripts:` and the hook go too when nothing of the user's is left in them.
    for (const path of [[hook, 'scripts'], [hook]]) {
      const pair = find(path);
      if (pair && isEmpty(pair.value)) out = removePair(out, pair);
    }
  }
  return out;
}

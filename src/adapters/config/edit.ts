// Edits the trunk config in place (`trunk env pin`, `promote`, trunk-init --envs): jsonc-parser changes only
// the edited values, so the file's layout, key order and indentation stay as the user wrote them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify, parse, type JSONPath, type ParseError } from 'jsonc-parser';
import { errors } from '../../errors.js';

export type ConfigEdit = [path: JSONPath, value: unknown];

const NEW_CONFIG = '{\n  "$schema": "./node_modules/trunk-init/schema/trunk.schema.json"\n}\n';

/** `text` with `edits` applied; a value of undefined removes the key. */
export function editJson(text: string, edits: readonly ConfigEdit[]): string {
  const indent = /^(\t| +)"/m.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: indent !== '\t', tabSize: indent === '\t' ? 1 : indent.length, eol: '\n' };
  return edits.reduce((out, [path, value]) => applyEdits(out, modify(out, path, value, { formattingOptions })), text);
}

/** The config file (`file`, or a new trunk.config.json) with `edits`: its path and new content. */
export function planConfigEdit(
  root: string,
  file: string | null,
  edits: readonly ConfigEdit[],
  describe: string,
): { path: string; content: string } {
  const path = file ?? 'trunk.config.json';
  if (/\.m?js$/.test(path)) throw errors.configEditByHand(path, 'code', describe, edits);
  const text = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : NEW_CONFIG;
  const problems: ParseError[] = [];
  parse(text, problems);
  if (problems.length) throw errors.configEditByHand(path, 'not JSON', describe, edits);
  const prefix = path === 'package.json' ? ['trunk'] : [];
  return {
    path,
    content: editJson(
      text,
      edits.map(([p, v]) => [[...prefix, ...p], v]),
    ),
  };
}

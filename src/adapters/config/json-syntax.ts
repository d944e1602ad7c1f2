// Where a JSON file is broken and what was expected there ("trunk.config.json:3:5 … expected ","), told by
// jsonc-parser in strict JSON mode: JSON.parse and cosmiconfig give an offset or a code frame, not a sentence.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getLocation, parse, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { errors, type TrunkError } from '../../errors.js';

const VALUE = 'a value';
const KEY = 'a property name in double quotes';

/** What the parser wanted where it stopped, for each of its error codes. */
function expected(text: string, e: ParseError): string {
  switch (e.error) {
    case ParseErrorCode.InvalidSymbol:
      return getLocation(text, e.offset).isAtPropertyKey ? KEY : VALUE;
    case ParseErrorCode.PropertyNameExpected:
      return KEY;
    case ParseErrorCode.ValueExpected:
      return VALUE;
    case ParseErrorCode.ColonExpected:
      return '":"';
    case ParseErrorCode.CommaExpected:
      return '","';
    case ParseErrorCode.CloseBraceExpected:
      return '"}"';
    case ParseErrorCode.CloseBracketExpected:
      return '"]"';
    case ParseErrorCode.EndOfFileExpected:
      return 'the end of the file';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'the closing " of a string';
    default:
      return 'valid JSON';
  }
}

/** The first syntax error in `text`: its line and column (from 1), and what was expected there and found instead. */
export function jsonSyntaxError(text: string): { line: number; column: number; problem: string } | null {
  const problems: ParseError[] = [];
  parse(text, problems, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = problems[0];
  if (!first) return null;
  const before = text.slice(0, first.offset);
  const token = text.slice(first.offset, first.offset + Math.max(first.length, 1)).split('\n')[0];
  const found =
    first.offset >= text.length ? 'the end of the file' : `\`${token.length > 20 ? `${token.slice(0, 20)}…` : token}\``;
  const problem =
    first.error === ParseErrorCode.InvalidCommentToken
      ? `found the comment ${found}, and JSON has no comments`
      : `expected ${expected(text, first)}, found ${found}${/,\s*$/.test(before) && /^[}\]]/.test(token) ? ' after a comma (JSON allows no trailing comma)' : ''}`;
  return { line: before.split('\n').length, column: first.offset - before.lastIndexOf('\n'), problem };
}

/** The error for `file` holding `text` that JSON.parse refused, naming the line, the column and what was expected. */
export const jsonError = (file: string, text: string, cause: unknown): TrunkError =>
  errors.badJson(file, jsonSyntaxError(text), cause);

/** The JSON file `file` under `root`, parsed; a syntax error names the line, the column and what was expected. */
export function readJson(root: string, file: string): unknown {
  const text = readFileSync(join(root, file), 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw jsonError(file, text, err);
  }
}

/** cosmiconfig's "JSON Error in <path>" (a config, or the package.json it reads first) as jsonError; null for any other error. */
export function cosmiconfigJsonError(err: unknown, root: string): TrunkError | null {
  const path =
    (err as { filepath?: string }).filepath ??
    (err instanceof Error ? /^JSON Error in (.+?):\n/.exec(err.message)?.[1] : undefined);
  if (!path || !(err instanceof Error) || !err.message.startsWith('JSON Error in ')) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  return jsonError(relative(root, path) || path, text, err);
}

// YAML config files edited as text, guided by the yaml package's parse: trunk-init inserts and removes whole lines of
// its own, so the rest of the file (indentation, comments, quoting, order) stays byte for byte. yaml's own stringify
// would re-indent every line (pre-commit's sample `-   repo:` becomes `  - repo:`) and re-space the comments.
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { errors } from '../errors.js';

/** `text` parsed; a syntax error (or a second document) names the file. */
export function parseYaml(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length) throw errors.unreadableConfig(file, doc.errors[0]);
  return doc;
}

const range = (node: unknown) => (node as Node).range!;
export const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
/** The start of the line after the one `at` is on (the end of the text on the last line). */
export const nextLine = (text: string, at: number) =>
  text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
const column = (text: string, at: number) => at - lineStart(text, at);
/** Where the lines after a node's content start: its value ends at a line start, or mid-line on the last line. */
const after = (text: string, node: unknown) => nextLine(text, Math.max(range(node)[1] - 1, 0));

export const indent = (lines: readonly string[], n: number) => lines.map((line) => ' '.repeat(n) + line);
/** `lines` as one block sequence item whose content starts `offset` columns after its dash. */
export const seqItem = (lines: readonly string[], offset: number) => [
  `-${' '.repeat(offset - 1)}${lines[0]}`,
  ...indent(lines.slice(1), offset),
];

/** `lines` inserted as whole lines at `at`, a line start or the end of the text; in the file's own line ending. */
export function insertLines(text: string, at: number, lines: readonly string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const before = text.slice(0, at);
  return (
    before +
    (before === '' || before.endsWith('\n') ? '' : eol) +
    lines.map((line) => line + eol).join('') +
    text.slice(at)
  );
}

/** The pair of `map` (any node) with the key `key`. */
export const pairOf = (map: unknown, key: string): Pair | undefined =>
  isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
/** Nothing: `key:` alone, `{}`, `[]`. */
export const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (isScalar(value) && value.value === null) ||
  ((isMap(value) || isSeq(value)) && value.items.length === 0);

/** Refuses a collection written in flow style (`{a: 1}`): its lines are not trunk-init's to split. */
export function assertBlock(node: YAMLMap | YAMLSeq, file: string, what: string, lines: readonly string[]): void {
  if (node.flow && node.items.length > 0)
    throw errors.hookConfigByHand(
      file,
      `writes ${what} in flow style ({ … } / [ … ])`,
      `write ${what} as a block, or add by hand: ${lines.map((l) => l.trim()).join(' / ')}`,
    );
}

/** `lines` added as the last entries of the block map `map` (which has some), at its indentation. */
export function appendToMap(text: string, map: YAMLMap, lines: readonly string[]): string {
  return insertLines(text, after(text, map), indent(lines, column(text, range(map.items[0].key)[0])));
}

/** `lines` as the content of `pair`, whose value is empty (`key:` alone, `{}` or `[]`), `unit` columns past its key. */
export function fillPair(text: string, pair: Pair, lines: readonly string[], unit: number): string {
  const key = range(pair.key);
  let out = text;
  if ((isMap(pair.value) || isSeq(pair.value)) && pair.value.range) {
    let start = pair.value.range[0];
    while (start > key[1] && out[start - 1] === ' ') start--;
    out = out.slice(0, start) + out.slice(pair.value.range[1]);
  }
  return insertLines(out, nextLine(out, key[0]), indent(lines, column(out, key[0]) + unit));
}

/** `pair` taken out of a block map: its key line through the end of its value. */
export function removePair(text: string, pair: Pair): string {
  const key = range(pair.key);
  const end = (pair.value as Node | null)?.range ? Math.max(range(pair.value)[1], key[1]) : key[1];
  return text.slice(0, lineStart(text, key[0])) + text.slice(nextLine(text, end - 1));
}

/** The column of a block sequence's dashes, and how far after its dash an item's content starts. */
export function seqLayout(text: string, seq: YAMLSeq): { dash: number; offset: number } {
  const start = range(seq.items[0])[0];
  const lead = /^( *)-( +)$/.exec(text.slice(lineStart(text, start), start));
  return lead
    ? { dash: lead[1].length, offset: lead[2].length + 1 }
    : { dash: Math.max(column(text, start) - 2, 0), offset: 2 };
}

/** `lines` (laid out relative to the dash, e.g. by seqItem) added after the last item of the block sequence `seq`. */
export function appendToSeq(text: string, seq: YAMLSeq, lines: readonly string[]): string {
  return insertLines(text, after(text, seq), indent(lines, seqLayout(text, seq).dash));
}

/** The lines of a sequence item: from its dash's line (and the comment lines right above it that `above` accepts) through its end. */
export function removeItem(text: string, item: unknown, above: (line: string) => boolean): string {
  let start = lineStart(text, range(item)[0]);
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (!above(text.slice(previous, start - 1))) break;
    start = previous;
  }
  return text.slice(0, start) + text.slice(after(text, item));
}

/** How far the entries of `pair`'s block map value are indented past its key (null when it has none). */
export function childIndent(text: string, pair: Pair): number | null {
  if (!isMap(pair.value) || pair.value.flow || !pair.value.items.length) return null;
  return column(text, range(pair.value.items[0].key)[0]) - column(text, range(pair.key)[0]);
}

/** The file's indentation step: how far its first nested block map is indented (2 when it has none). */
export function indentUnit(text: string, doc: Document.Parsed): number {
  if (!isMap(doc.contents)) return 2;
  for (const pair of doc.contents.items) {
    const step = childIndent(text, pair);
    if (step) return step;
  }
  return 2;
}

// How much of a commit message the parser is given. Past these bounds a message is far beyond what commitlint's
// rules allow (100 characters a line by default) and what people write. Within them the parser's remaining
// super-linear work stays well under a second: its reference search after a long unbroken run of characters is
// quadratic in the line (so lines that hold a reference have a budget of their own), and it recurses once per
// consecutive BREAKING CHANGE line (the stack overflows near 13,000).
import type { ParserOptions } from 'conventional-commits-parser';
import { tailFor } from './references.js';

/** Characters in one line, the header included. */
export const MAX_LINE = 1000;
/** Characters in one message, of the lines the parser reads (comments and what follows git's scissors left out). */
export const MAX_MESSAGE = 2 * 1024 * 1024;
/** Characters in the lines that hold an issue reference (`#12`); all lines, if the prefixes are regexes. */
export const MAX_REFERENCING = 64 * 1024;
/** Lines that open a note (`BREAKING CHANGE: …`). */
export const MAX_NOTES = 1000;

/** git's scissors line in a verbose commit message: it and everything after it are dropped from the message. */
export const scissors = (commentChar: string) => `${commentChar} ------------------------ >8 ------------------------`;

/** `text` without its leading and trailing CRs and LFs, as the parser trims it first. */
export function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === '\n' || text[start] === '\r')) start++; // a loop: /[\r\n]+$/ is quadratic
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return text.slice(start, end);
}

/** The lines of `text` that conventional-commits-parser reads, as it reads them (without its gpg filter). */
export function parsedLines(text: string, commentChar?: string): string[] {
  const lines = trimNewlines(text).split(/\r?\n/);
  if (!commentChar) return lines;
  const cut = lines.indexOf(scissors(commentChar));
  return (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !line.startsWith(commentChar));
}

/** What a line costs the parser: whether it may hold a reference, whether it opens a note. */
export interface LineKinds {
  referencing(line: string): boolean;
  note(line: string): boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line kinds for a parser's options; where they leave a setting out, commitlint's defaults (`#`, BREAKING CHANGE). */
export function lineKinds(options: ParserOptions): LineKinds {
  const tail = tailFor({ ...options, issuePrefixes: options.issuePrefixes ?? ['#'] });
  const keywords = (options.noteKeywords ?? ['BREAKING CHANGE', 'BREAKING-CHANGE']).map((k) =>
    typeof k === 'string' ? escape(k.trim()) : k.source,
  );
  const note = new RegExp(`^[\\s|*]*(?:${keywords.join('|')})[:\\s]`, 'i');
  return {
    referencing: (line) => tail === null || ((tail.lastIndex = 0), tail.test(line)),
    note: (line) => note.test(line),
  };
}

/** Where `lines` leave the bounds: the first over-long line (0 is the header), and the totals. */
export interface Excess {
  line: number | null;
  length: number;
  referencing: number;
  notes: number;
}

export function measure(lines: readonly string[], kinds: LineKinds): Excess {
  const excess: Excess = { line: null, length: -1, referencing: 0, notes: 0 };
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE && excess.line === null) excess.line = i;
    excess.length += line.length + 1;
    if (kinds.referencing(line)) excess.referencing += line.length;
    if (kinds.note(line)) excess.notes++;
  });
  return excess;
}

/** Whether a measure is within every bound. */
export const withinBounds = (e: Excess) =>
  e.line === null && e.length <= MAX_MESSAGE && e.referencing <= MAX_REFERENCING && e.notes <= MAX_NOTES;

// How much of a commit message the parser is given. Lines and messages past these bounds are far beyond what
// commitlint's rules allow (100 characters a line by default) and what people write; within them the parser's
// remaining super-linear search (a reference after a long unbroken run of characters: quadratic in the line)
// stays well under a second, and its recursion over consecutive BREAKING CHANGE lines (one frame a line: the
// stack overflows near 13,000) stays below 4,000 frames.
/** Characters in one line, the header included. */
export const MAX_LINE = 1000;
/** Characters in one message, of the lines the parser reads (comments and what follows git's scissors left out). */
export const MAX_MESSAGE = 64 * 1024;

/** git's scissors line in a verbose commit message: it and everything after it are dropped from the message. */
const scissors = (commentChar: string) => `${commentChar} ------------------------ >8 ------------------------`;

/** The lines of `text` that conventional-commits-parser reads, as it reads them (without its gpg filter). */
export function parsedLines(text: string, commentChar?: string): string[] {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === '\n' || text[start] === '\r')) start++; // a loop: /[\r\n]+$/ is quadratic
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const lines = text.slice(start, end).split(/\r?\n/);
  if (!commentChar) return lines;
  const cut = lines.indexOf(scissors(commentChar));
  return (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !line.startsWith(commentChar));
}

/** Where `lines` leave the bounds: the first over-long line (0 is the header) and the total length. */
export function overBounds(lines: readonly string[]): { line: number | null; length: number } | null {
  const index = lines.findIndex((line) => line.length > MAX_LINE);
  const length = lines.reduce((sum, line) => sum + line.length + 1, -1);
  return index === -1 && length <= MAX_MESSAGE ? null : { line: index === -1 ? null : index, length };
}

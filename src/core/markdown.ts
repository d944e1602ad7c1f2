// Markdown around text that is not ours (branch names, commit subjects, release notes built from them), for a job
// summary or a merge request note: it is shown as code, so it is never read as Markdown or HTML (`<img onerror>`, a
// heading that fakes a version), as a mention or a reference (`@all`, `#12`, which forges find in rendered text, past
// any backslash escape), nor as a GitLab quick action (a line starting `/merge`, run with the note's token).
import { oneLine, printable } from './text.js';

/** `text` on one line as an inline code span, between backtick runs longer than any inside it so none closes it. */
export function codeSpan(text: string): string {
  const line = oneLine(text);
  if (line === '') return '';
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  // A space each side, which the span drops, keeps a backtick or a space at either end of the text.
  const pad = /^[ `]|[ `]$/.test(line) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** codeSpan() in a table cell, where a `|` ends the cell even inside a code span unless escaped. */
export const cellSpan = (text: string): string => codeSpan(text).replaceAll('|', '\\|');

/**
 * `text` as an indented code block, every line four spaces in: no line of it can close the block (a fence in the text
 * would close a fenced one), and none starts with `/`. Needs a blank line before it.
 */
export const codeBlock = (text: string): string =>
  printable(text)
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

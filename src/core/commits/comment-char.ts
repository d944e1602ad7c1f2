// The comment character of a commit message: core.commentChar, with "auto" resolved as git commit resolves it.
import { scissors } from './bounds.js';

/** What git commit tries for core.commentChar=auto, in its order (builtin/commit.c: adjust_comment_line_char). */
const CANDIDATES = [...'#;@!$%^&|:'];
const SCISSORS = new Set(CANDIDATES.map(scissors));

/** git's pick for the message it starts from: '#' when it holds no '#', else the first candidate no line begins with. */
function gitsPick(lines: readonly string[]): string {
  if (!lines.some((line) => line.includes('#'))) return '#';
  const starts = new Set(lines.map((line) => line[0]));
  return CANDIDATES.find((c) => !starts.has(c)) ?? '#'; // none left: git refuses to commit
}

/**
 * The character that makes a line of `message` a comment, for core.commentChar `setting` ('' when unset: '#').
 * For "auto", git picked one for the message it opened the editor with and wrote its hints below that message with
 * it: the hints' character (the scissors line's, else the last line's) when every candidate before it begins a line
 * above them, as git's pick needs; otherwise no hints were written (git commit -m) and git's pick over it is the one.
 * A message git wrote no hints under whose last line starts with a candidate reads as hinted (git commit -m a -m '#1').
 */
export function commentCharOf(setting: string, message: string): string {
  if (setting.toLowerCase() !== 'auto') return setting || '#';
  const lines = message.split(/\r\n|\r|\n/); // git's pick counts a CR as a line break too
  const cut = lines.findIndex((line) => SCISSORS.has(line));
  const above = cut === -1 ? lines : lines.slice(0, cut);
  let last = above.length - 1;
  while (last >= 0 && above[last].trim() === '') last--;
  const hints = cut === -1 ? above[last]?.[0] : lines[cut][0];
  const starts = new Set(above.map((line) => line[0]));
  const at = hints === undefined ? -1 : CANDIDATES.indexOf(hints);
  return at !== -1 && CANDIDATES.slice(0, at).every((c) => starts.has(c)) ? CANDIDATES[at] : gitsPick(above);
}

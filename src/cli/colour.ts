// Colour as the ecosystem decides it: NO_COLOR (set and not empty) turns it off, FORCE_COLOR (other than 0 or false)
// on, else a terminal that is not TERM=dumb has it. trunk colours only its marks; colour codes in what it prints
// (a library's code frame, a commit subject) are removed whole, never left behind as "[31m".
import { printable } from '../core/text.js';

/** Whether `stream` gets colour under `env`. */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '')
    return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const SGR = /\x1b\[[0-9;:]*m/g;
const MARKS: Record<string, string> = { '✖': '31', '⚠': '33', '✔': '32', '✓': '32' };

/** `text` as it reaches a terminal: colour codes removed whole, other control characters dropped, and with
 * `colour`, the mark that starts a line (✖ ✔ ✓ ⚠) in red, green or yellow. */
export function forTerminal(text: string, colour: boolean): string {
  const clean = printable(text.includes('\x1b') ? text.replace(SGR, '') : text);
  return colour
    ? clean.replace(
        /^( *)([✖⚠✔✓])/gm,
        (_, indent: string, mark: string) => `${indent}\x1b[${MARKS[mark]}m${mark}\x1b[39m`,
      )
    : clean;
}

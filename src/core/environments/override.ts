// The record of a gate overridden with `--force --reason`: trailer lines at the end of the promotion's or the
// release's annotated tag message (or of the commit that lands a config promotion), so git itself shows who went
// past which gate, and why: `git tag -l --format='%(contents:trailers)' v1.5.0`.
import { printable } from '../text.js';
import { formatDuration, type EnvGates } from './gates.js';

const OVERRIDE_TRAILER = 'Trunk-Override';

/** Who overrode the gates, and why. */
export interface Override {
  reason: string;
  /** "Name <email>", and the CI's user when it runs in one. */
  by: string;
}

/** `--reason` as one line of printable text; null when nothing is left of it. */
export function cleanReason(text: string): string | null {
  const reason = printable(text).replace(/\s+/g, ' ').trim();
  return reason || null;
}

const utc = (t: number) => new Date(Math.ceil(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The record for the closed gates of each environment in `held` (none when every gate is open). */
export function overrideRecord(held: readonly EnvGates[], override: Override): string[] {
  const lines = held.flatMap(({ env, report }) =>
    report.gates.flatMap((gate) => {
      if (gate.open) return [];
      if (gate.gate === 'soak') {
        const { candidate, ranFor, required } = gate;
        return [
          `${OVERRIDE_TRAILER}: soak (${env}): ${candidate!.upstream} had run ${candidate!.tag} for ${formatDuration(ranFor)} of the required ${required}`,
        ];
      }
      const windows = `freeze window${gate.windows.length > 1 ? 's' : ''} ${gate.windows.map((w) => `"${w}"`).join(', ')}`;
      const until = gate.opensAt === null ? 'with no end within a year' : `until ${utc(gate.opensAt)}`;
      return [`${OVERRIDE_TRAILER}: ${windows} (${env}), frozen ${until}`];
    }),
  );
  if (lines.length === 0) return [];
  return [...lines, `Override-Reason: ${override.reason}`, `Override-By: ${override.by}`].map(fold);
}

/** Lines of a landing commit's footer stay within commitlint's (config-conventional) 100 columns. */
const WIDTH = 100;

/** A trailer folded at spaces into lines of at most WIDTH columns, each continuation indented (git unfolds them). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > WIDTH) {
      out.push(current);
      current = ` ${word}`;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current].join('\n');
}

/** Whether the tag message `message` records an override of environment `env`'s freeze, with a reason. */
export function recordsFreezeOverride(message: string, env: string): boolean {
  const unfolded = message.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  return (
    unfolded.some((line) => line.startsWith(`${OVERRIDE_TRAILER}: freeze window`) && line.includes(` (${env}), `)) &&
    unfolded.some((line) => /^Override-Reason: \S/.test(line))
  );
}

/** A tag message: the notes, then the record as its last paragraph (git's trailers). */
export const withRecord = (notes: string, record: readonly string[]) =>
  record.length ? `${notes.trimEnd()}\n\n${record.join('\n')}\n` : notes;

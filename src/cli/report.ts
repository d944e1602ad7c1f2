// Formats verdicts, lint problems and errors for the terminal (stderr).
import { TrunkError } from '../errors.js';
import type { Verdict } from '../core/verdict.js';
import { BUGS_URL } from './version.js';

/** Refusals (what, why, fixes) and warnings; `keptSafe` ends a refusal with what was not lost. */
export function formatVerdict(verdict: Verdict, keptSafe?: string): string {
  const text: string[] = verdict.warnings.map((w) => `trunk: warning: ${w.message}`);
  for (const refusal of verdict.refusals) {
    text.push(
      `trunk: ${refusal.reason}`,
      ...(refusal.details ?? []).map((d) => `  ${d}`),
      ...refusal.fix.map((fix) => `  fix: ${fix}`),
    );
  }
  if (verdict.refusals.length > 0 && keptSafe) text.push(`  ${keptSafe}`);
  return text.join('\n');
}

export function formatError(err: unknown, debug: boolean): string {
  const stack = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  if (err instanceof TrunkError)
    return [`trunk: ${err.message}`, ...err.details.map((d) => `  ${d}`), `  fix: ${err.fix}`].join('\n') + stack;
  const message = err instanceof Error ? err.message : String(err);
  return `trunk: internal error (a bug in trunk-init): ${message}\n  please report it at ${BUGS_URL}, with what the same command prints under TRUNK_DEBUG=1${stack}`;
}

// How the promotion gates read on the command line: `--force --reason` parsed into an override (with the CI's user),
// the refusal of a promotion or a release that a closed gate holds, each environment's gates for `trunk env`, and
// the gates as JSON.
import { describeGate, type EnvGates, type GateReport } from '../core/environments/gates.js';
import { cleanReason } from '../core/environments/override.js';
import { describeInstant } from '../core/zoned-time.js';
import { wordList } from '../core/word-list.js';
import { errors } from '../errors.js';
import type { OverrideRequest } from '../flows/gates.js';
import { ciForge } from './forges/registry.js';

/** `--force --reason TEXT` as an override, or null without `--force`; one without the other is a usage error. */
export function overrideOf(
  values: { force?: boolean; reason?: string },
  env: NodeJS.ProcessEnv,
  example: string,
): OverrideRequest | null {
  if (!values.force) {
    if (values.reason !== undefined)
      throw errors.usage(
        '--reason goes with --force: it records why a closed gate was overridden.',
        `${example} --force --reason "…"`,
      );
    return null;
  }
  const reason = values.reason === undefined ? null : cleanReason(values.reason);
  if (reason === null)
    throw errors.usage(
      '--force needs --reason: the override is recorded in git with who made it and why.',
      `${example} --force --reason "hotfix for the outage in INC-123"`,
    );
  const forge = ciForge(env);
  const actor = forge?.actor(env);
  return { reason, ci: forge && actor ? `${forge.ci}: ${actor}` : null };
}

/** When every gate of `held` is open, for "it can be promoted …": "from <time>", or "at no time within a year". */
function opensAt(held: readonly EnvGates[]): string {
  const times = held.map((g) => g.report.opensAt);
  if (times.some((t) => t === null)) return 'at no time within a year';
  const last = held[times.indexOf(Math.max(...(times as number[])))];
  return `from ${describeInstant(last.report.opensAt!, last.report.zone)}`;
}

/** The closed gates of each environment in `held`, a line each. */
const closedLines = (held: readonly EnvGates[]) =>
  held.flatMap(({ env, report }) =>
    report.gates
      .filter((g) => !g.open)
      .map((g) => `  ${held.length > 1 ? `${env} ` : ''}${describeGate(g, report.zone)}`),
  );

/** `trunk env promote <env>` refused by its closed gates: the message and the fix. */
export function promotionHeld(held: EnvGates): { reason: string; fix: string; lines: string[] } {
  return {
    reason: `its promotion gates are closed; it can be promoted ${opensAt([held])}`,
    fix: `wait until then, or override and record why: trunk env promote ${held.env} --force --reason "…"`,
    lines: closedLines([held]),
  };
}

/** A release whose tag moves environments with a closed freeze window: what holds it, a line each. */
export function releaseHeld(tag: string, held: readonly EnvGates[]): string {
  return [
    `${tag} would move ${wordList(
      held.map((g) => g.env),
      'and',
    )}, frozen now; it can be released ${opensAt(held)}:`,
    ...closedLines(held),
  ].join('\n');
}

/** Each environment's gates for `trunk env`: the environment, then a line per gate. */
export function gateLines(gates: readonly EnvGates[]): string[] {
  const width = Math.max(0, ...gates.map((g) => g.env.length));
  return gates.flatMap(({ env, report }) =>
    report.gates.map((g, i) => `  ${(i === 0 ? env : '').padEnd(width)}  ${describeGate(g, report.zone)}`),
  );
}

const isoOf = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** The gates as JSON: times as ISO strings, durations in seconds. */
export function gatesJson({ env, report }: EnvGates) {
  const gate = (g: GateReport['gates'][number]) =>
    g.gate === 'soak'
      ? {
          gate: g.gate,
          open: g.open,
          required: g.required,
          candidate: g.candidate && { ...g.candidate, since: isoOf(g.candidate.since) },
          ranForSeconds: Math.floor(g.ranFor / 1000),
          opensAt: isoOf(g.opensAt),
        }
      : {
          gate: g.gate,
          open: g.open,
          windows: g.windows,
          opensAt: isoOf(g.opensAt),
          next: g.next && { ...g.next, from: isoOf(g.next.from), until: isoOf(g.next.until) },
        };
  return {
    env,
    timeZone: report.zone,
    open: report.open,
    opensAt: isoOf(report.opensAt),
    gates: report.gates.map(gate),
  };
}

// Promotion gates, an environment's `promotion` setting: a minimum soak time of the candidate in the environment
// before it (from the candidate tag's creation), and freeze windows (weekly, or between two dates) in a time zone.
// Evaluation is pure: the settings, the candidate and `now` in; each gate's state and, when closed, when it opens,
// out. What a gate holds: `trunk env promote` (soak and freeze) and a release into the environment (freeze).
import { canonicalZone, dayAt, describeInstant, instantOf, wallTime, weekday, type WallTime } from '../zoned-time.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Weekday = (typeof WEEKDAYS)[number];

/**
 * A freeze window: weekly (`days`, each from `from` to `to`, "HH:MM", crossing midnight when `to` is not after
 * `from`), or between two dates.
 */
export interface FreezeWindow {
  /** How messages name it; default: its days and times, or its dates. */
  name?: string;
  days?: Weekday[];
  /** Weekly: "HH:MM" (default "00:00"); dated: "YYYY-MM-DD", optionally "THH:MM[:SS]" and "Z" or "±HH:MM". */
  from?: string;
  /** Weekly: "HH:MM", "24:00" for midnight (the default); dated: as `from` (a date alone includes that whole day). */
  to?: string;
}

export interface PromotionSettings {
  /** How long the candidate must have been in the environment before: "24h", "90m", "2d", "1d12h". */
  soak?: string;
  freeze?: FreezeWindow[];
  /** The IANA zone the windows' times are in; default UTC. */
  timeZone?: string;
}

/** How an environment moves, which decides the gates it may have: soak only where `trunk env promote` moves it. */
export type Movement = 'branch' | 'promotion' | 'release';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Freezes chained for longer than this count as never reopening (weekly windows covering the whole week). */
const HORIZON = 366 * DAY;

/** A duration as the `soak` setting writes it, in milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  if (!m || text === '') return null;
  return Number(m[1] ?? 0) * DAY + Number(m[2] ?? 0) * HOUR + Number(m[3] ?? 0) * MINUTE;
}

/** A duration for a person, to the minute, in its two largest units: "3h", "1d 2h", "45m". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const parts = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor(minutes / 60) % 24, 'h'],
    [minutes % 60, 'm'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  return shown.length ? shown.map(([n, unit]) => `${n}${unit}`).join(' ') : '0m';
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A dated window's bound as an instant: a date alone is its midnight in `zone` (or, for the end, the next one). */
function parseDateTime(text: string, zone: string, end: boolean): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((n) => Number(n ?? 0));
  const wall: WallTime = { year, month, day, hour, minute, second };
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  if (m[4] === undefined) return instantOf(dayAt(wall, end ? 1 : 0, '00:00'), zone);
  const offset = m[7];
  if (offset === undefined) return instantOf(wall, zone);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [oh, om] = offset === 'Z' ? [0, 0] : offset.slice(1).split(':').map(Number);
  return check.getTime() - sign * (oh * HOUR + om * MINUTE);
}

/** The zone a `promotion` setting names, canonical; UTC by default (and for a zone checkPromotion refuses). */
const zoneOf = (settings: PromotionSettings) => canonicalZone(settings.timeZone ?? 'UTC') ?? 'UTC';

/** Every problem with an environment's `promotion` setting (`at`: "environments.2 (prod)"), one sentence each. */
export function checkPromotion(settings: PromotionSettings, at: string, name: string, movement: Movement): string[] {
  const problems: string[] = [];
  if (settings.timeZone !== undefined && canonicalZone(settings.timeZone) === null)
    problems.push(
      `${at}: promotion.timeZone "${settings.timeZone}" is not an IANA time zone; write one like "Europe/Berlin", "America/New_York" or "UTC"`,
    );
  if (settings.soak !== undefined && movement !== 'promotion')
    problems.push(
      `${at}: promotion.soak holds what trunk env promote moves, and ${name} ${movement === 'branch' ? 'follows the branch' : 'moves with each release'}; put the soak on the environment promoted from it`,
    );
  if (settings.freeze?.length && movement === 'branch')
    problems.push(
      `${at}: promotion.freeze cannot hold ${name}: it follows the branch, which every merge moves; freeze the environment after it`,
    );
  const zone = zoneOf(settings);
  (settings.freeze ?? []).forEach((window, j) => {
    const key = `${at}: promotion.freeze.${j}`;
    if (window.days) {
      for (const bound of ['from', 'to'] as const) {
        const value = window[bound];
        if (value !== undefined && (!TIME.test(value) || (bound === 'from' && value === '24:00')))
          problems.push(
            `${key}.${bound} "${value}" is not a time of day such as "09:00"${bound === 'to' ? ' or "24:00"' : ''}`,
          );
      }
      const [from, to] = [window.from ?? '00:00', window.to ?? '24:00'];
      if (from === to)
        problems.push(
          `${key} starts and ends at ${from}, which is no time at all; leave out "from" and "to" to freeze whole days`,
        );
      return;
    }
    if (window.from === undefined || window.to === undefined) {
      problems.push(
        `${key} needs "from" and "to" (dates such as "2026-12-24" or "2026-12-24T18:00"), or "days" for a weekly window`,
      );
      return;
    }
    const bounds = (['from', 'to'] as const).map((bound) => {
      const instant = parseDateTime(window[bound]!, zone, bound === 'to');
      if (instant === null)
        problems.push(
          `${key}.${bound} "${window[bound]}" is not a date or date-time such as "2026-12-24" or "2026-12-24T18:00"`,
        );
      return instant;
    });
    if (bounds[0] !== null && bounds[1] !== null && bounds[0] >= bounds[1])
      problems.push(`${key} ends ("${window.to}") before it starts ("${window.from}")`);
  });
  return problems;
}

/** How messages name a window. */
function windowLabel(window: FreezeWindow): string {
  if (window.name) return window.name;
  if (!window.days) return `${window.from} – ${window.to}`;
  const times = window.from || window.to ? ` ${window.from ?? '00:00'}–${window.to ?? '24:00'}` : '';
  return `${window.days.join(', ')}${times}`;
}

interface Occurrence {
  label: string;
  start: number;
  end: number;
}

/** The window's occurrences starting on the local dates `first`..`last` days from `t`'s (a dated window's one). */
function occurrences(window: FreezeWindow, zone: string, t: number, first: number, last: number): Occurrence[] {
  const label = windowLabel(window);
  if (!window.days) {
    const start = parseDateTime(window.from!, zone, false)!;
    return [{ label, start, end: parseDateTime(window.to!, zone, true)! }];
  }
  const from = window.from ?? '00:00';
  const to = window.to ?? '24:00';
  const overnight = to !== '24:00' && to <= from;
  const today = wallTime(t, zone);
  const found: Occurrence[] = [];
  for (let d = first; d <= last; d++) {
    const date = dayAt(today, d, '00:00');
    if (!window.days.includes(WEEKDAYS[weekday(date)])) continue;
    found.push({
      label,
      start: instantOf(dayAt(date, 0, from), zone),
      end: instantOf(dayAt(date, overnight ? 1 : 0, to), zone),
    });
  }
  return found;
}

/** The windows closed at `t`: an occurrence that starts at most a day before `t`'s local date covers it, if any. */
const closedAt = (windows: readonly FreezeWindow[], zone: string, t: number) =>
  windows.flatMap((w) => occurrences(w, zone, t, -1, 0)).filter((o) => o.start <= t && t < o.end);

/**
 * When the windows reopen after `t` (t itself when none is closed then); windows that follow each other count as
 * one; null: not within the horizon.
 */
function reopening(windows: readonly FreezeWindow[], zone: string, t: number): number | null {
  const limit = t + HORIZON;
  for (let closed = closedAt(windows, zone, t); closed.length; closed = closedAt(windows, zone, t)) {
    t = Math.max(...closed.map((o) => o.end));
    if (t > limit) return null;
  }
  return t;
}

export interface Candidate {
  /** The environment that runs it. */
  upstream: string;
  tag: string;
  /** When its tag was created. */
  since: number;
}

export type Gate =
  | {
      gate: 'soak';
      open: boolean;
      /** As the setting writes it ("24h"). */
      required: string;
      /** What would be promoted, or null when nothing is waiting. */
      candidate: Candidate | null;
      ranFor: number;
      /** When it opens; null when open. */
      opensAt: number | null;
    }
  | {
      gate: 'freeze';
      open: boolean;
      /** The windows closed now. */
      windows: string[];
      /** When closed: when the windows reopen (null: not within a year). */
      opensAt: number | null;
      /** When open: the next freeze (`until` null: not within a year). */
      next: { windows: string[]; from: number; until: number | null } | null;
    };

export interface GateReport {
  /** The canonical zone the windows are in, and times are said in. */
  zone: string;
  gates: Gate[];
  open: boolean;
  /** When closed: the first moment every gate is open (null: not within a year); null when open. */
  opensAt: number | null;
}

/** An environment's gates. */
export interface EnvGates {
  env: string;
  report: GateReport;
}

/** What is gated: a release (its freeze windows only), or a promotion of `candidate` (soak too). */
export type Move = { kind: 'release' } | { kind: 'promotion'; candidate: Candidate | null };

/** Each gate of `settings` at `now` for `move`. */
export function evaluateGates(settings: PromotionSettings, move: Move, now: number): GateReport {
  const zone = zoneOf(settings);
  const windows = settings.freeze ?? [];
  const gates: Gate[] = [];
  const soak = settings.soak === undefined || move.kind === 'release' ? null : parseDuration(settings.soak)!;
  const candidate = move.kind === 'promotion' ? move.candidate : null;
  const soakEnds = soak !== null && candidate ? candidate.since + soak : null;
  if (soak !== null) {
    const open = soakEnds === null || soakEnds <= now;
    gates.push({
      gate: 'soak',
      open,
      required: settings.soak!,
      candidate,
      ranFor: candidate ? Math.max(0, now - candidate.since) : 0,
      opensAt: open ? null : soakEnds,
    });
  }
  if (windows.length) {
    const closed = closedAt(windows, zone, now);
    if (closed.length) {
      gates.push({
        gate: 'freeze',
        open: false,
        windows: [...new Set(closed.map((o) => o.label))],
        opensAt: reopening(windows, zone, now),
        next: null,
      });
    } else {
      const ahead = windows
        .flatMap((w) => occurrences(w, zone, now, 0, 7))
        .filter((o) => o.start > now)
        .sort((a, b) => a.start - b.start);
      const from = ahead[0]?.start;
      gates.push({
        gate: 'freeze',
        open: true,
        windows: [],
        opensAt: null,
        next:
          from === undefined
            ? null
            : {
                windows: [...new Set(closedAt(windows, zone, from).map((o) => o.label))],
                from,
                until: reopening(windows, zone, from),
              },
      });
    }
  }
  const open = gates.every((g) => g.open);
  if (open) return { zone, gates, open, opensAt: null };
  // The first moment the soak is done and no window is closed.
  return { zone, gates, open, opensAt: reopening(windows, zone, Math.max(now, soakEnds ?? now)) };
}

const quotedList = (labels: readonly string[]) => labels.map((l) => `"${l}"`).join(', ');

/** One line for a gate's state: "soak: qa has run v1.5.0-rc.2 for 3h of the required 24h, until …". */
export function describeGate(gate: Gate, zone: string): string {
  const at = (t: number | null) => (t === null ? 'no end within a year' : describeInstant(t, zone));
  if (gate.gate === 'soak') {
    const { candidate, required } = gate;
    if (!candidate) return `soak ${required}: nothing waiting to be promoted`;
    const ran = `${candidate.upstream} has run ${candidate.tag} for ${formatDuration(gate.ranFor)}`;
    return gate.open
      ? `soak: ${ran} (${required} required)`
      : `soak: ${ran} of the required ${required}, until ${at(gate.opensAt)}`;
  }
  if (!gate.open) return `freeze: frozen until ${at(gate.opensAt)} by ${quotedList(gate.windows)}`;
  if (!gate.next) return 'freeze: open, no freeze window ahead';
  return `freeze: open; next freeze ${quotedList(gate.next.windows)} from ${describeInstant(gate.next.from, zone)} until ${at(gate.next.until)}`;
}

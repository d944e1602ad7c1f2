// Wall-clock time in an IANA time zone, with Intl (Node's full ICU): the instant a zone's local date and time
// name (a time skipped by a DST change reads as the same time after it, a time repeated reads as its first
// occurrence: Temporal's "compatible"), the local date and time of an instant, and how an instant reads to a
// person: "Mon 2026-03-30 09:00 Europe/Berlin (07:00 UTC)". Instants are milliseconds since the epoch.

/** A zone's local date and time; `month` 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's canonical name ("europe/berlin" → "Europe/Berlin"), or null when Intl knows no such zone. */
export function canonicalZone(zone: string): string | null {
  try {
    return formatter(zone).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The local date and time in `zone` at `instant` (to the second). */
export function wallTime(instant: number, zone: string): WallTime {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The wall time read as if it were UTC: the arithmetic of local dates and times. */
const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** How far `zone`'s clocks are ahead of UTC at `instant`, in milliseconds. */
const offsetAt = (instant: number, zone: string) => asUtc(wallTime(instant, zone)) - Math.floor(instant / 1000) * 1000;

/** The instant `zone`'s clocks show `wall`: the first of two (clocks set back), after a skipped one (set forward). */
export function instantOf(wall: WallTime, zone: string): number {
  const local = asUtc(wall);
  // A zone changes its offset at most once within two days: the offsets on either side are the only candidates.
  const before = offsetAt(local - DAY, zone);
  const after = offsetAt(local + DAY, zone);
  const fits = [...new Set([before, after])].map((o) => local - o).filter((t) => offsetAt(t, zone) === local - t);
  return fits.length ? Math.min(...fits) : local - before;
}

/** The local date `days` after `wall`'s (negative: before), at `time` ("HH:MM"; "24:00": the next midnight). */
export function dayAt(wall: Pick<WallTime, 'year' | 'month' | 'day'>, days: number, time: string): WallTime {
  const [hour, minute] = time.split(':').map(Number);
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days + (hour === 24 ? 1 : 0)));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: hour % 24,
    minute,
    second: 0,
  };
}

/** 0 (Sunday) to 6 (Saturday): the weekday of a local date. */
export const weekday = (wall: Pick<WallTime, 'year' | 'month' | 'day'>) =>
  new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();

const pad = (n: number) => String(n).padStart(2, '0');
const date = (w: WallTime) => `${w.year}-${pad(w.month)}-${pad(w.day)}`;
const clock = (w: WallTime) => `${pad(w.hour)}:${pad(w.minute)}`;

/**
 * `instant` for a person, to the minute (rounded up, so "until 09:00" is never a moment early): in `zone`, and in
 * UTC after it unless `zone` (a canonical name) is UTC: "Mon 2026-03-30 09:00 Europe/Berlin (07:00 UTC)", with
 * the UTC date when it differs.
 */
export function describeInstant(instant: number, zone: string): string {
  const at = Math.ceil(instant / 60_000) * 60_000;
  const local = wallTime(at, zone);
  const shown = `${WEEKDAYS[weekday(local)]} ${date(local)} ${clock(local)} ${zone}`;
  if (zone === 'UTC') return shown;
  const utc = wallTime(at, 'UTC');
  return `${shown} (${date(utc) === date(local) ? '' : `${WEEKDAYS[weekday(utc)]} ${date(utc)} `}${clock(utc)} UTC)`;
}

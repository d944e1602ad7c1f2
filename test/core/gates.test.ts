// Promotion gates, pure: soak times and freeze windows evaluated at a given `now`, in real IANA zones through DST
// changes, the settings' checks, and the override record.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validatePolicy } from '../../src/adapters/config/schema.js';
import {
  checkPromotion,
  describeGate,
  evaluateGates,
  formatDuration,
  parseDuration,
  type PromotionSettings,
} from '../../src/core/environments/gates.js';
import {
  cleanReason,
  overrideRecord,
  recordsFreezeOverride,
  withRecord,
} from '../../src/core/environments/override.js';
import { describeInstant, instantOf } from '../../src/core/zoned-time.js';

const test = suite('promotion gates');
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const release = { kind: 'release' } as const;

test('a local time skipped by a DST change reads as the time after it; a repeated one as its first occurrence', () => {
  const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
  });
  // Berlin: 02:00 CET → 03:00 CEST on 2026-03-29; 03:00 CEST → 02:00 CET on 2026-10-25.
  assert.is(iso(instantOf(wall(2026, 3, 29, 2, 30), 'Europe/Berlin')), '2026-03-29T01:30:00.000Z');
  assert.is(iso(instantOf(wall(2026, 3, 29, 1, 59), 'Europe/Berlin')), '2026-03-29T00:59:00.000Z');
  assert.is(iso(instantOf(wall(2026, 3, 29, 3, 0), 'Europe/Berlin')), '2026-03-29T01:00:00.000Z');
  assert.is(iso(instantOf(wall(2026, 10, 25, 2, 30), 'Europe/Berlin')), '2026-10-25T00:30:00.000Z');
  assert.is(iso(instantOf(wall(2026, 10, 25, 3, 30), 'Europe/Berlin')), '2026-10-25T02:30:00.000Z');
  // New York springs forward at 02:00 EST on 2026-03-08; Lord Howe moves by half an hour.
  assert.is(iso(instantOf(wall(2026, 3, 8, 2, 30), 'America/New_York')), '2026-03-08T07:30:00.000Z');
  assert.is(iso(instantOf(wall(2026, 4, 5, 1, 45), 'Australia/Lord_Howe')), '2026-04-04T14:45:00.000Z');
  assert.is(iso(instantOf(wall(2026, 7, 1, 12, 0), 'Asia/Kolkata')), '2026-07-01T06:30:00.000Z');
});

test('an instant reads in the zone and in UTC, to the minute, rounded up', () => {
  assert.is(
    describeInstant(at('2026-03-30T07:00:00Z'), 'Europe/Berlin'),
    'Mon 2026-03-30 09:00 Europe/Berlin (07:00 UTC)',
  );
  assert.is(
    describeInstant(at('2026-03-29T23:30:00Z'), 'Europe/Berlin'),
    'Mon 2026-03-30 01:30 Europe/Berlin (Sun 2026-03-29 23:30 UTC)',
  );
  assert.is(describeInstant(at('2026-03-30T07:00:01Z'), 'UTC'), 'Mon 2026-03-30 07:01 UTC');
});

test('durations: the soak setting parsed, and elapsed times said in their two largest units', () => {
  assert.equal(['24h', '90m', '2d', '1d12h', '0m', '', '24 hours', 'h', '1h1d'].map(parseDuration), [
    86_400_000,
    5_400_000,
    172_800_000,
    129_600_000,
    0,
    null,
    null,
    null,
    null,
  ]);
  assert.equal(
    [0, 59_999, 3 * 3_600_000, 3 * 3_600_000 + 20 * 60_000, 26 * 3_600_000 + 5 * 60_000].map(formatDuration),
    ['0m', '0m', '3h', '3h 20m', '1d 2h'],
  );
});

test('soak: closed until the candidate tag is old enough, with the line trunk env shows', () => {
  const now = at('2026-12-03T15:00:00Z');
  const candidate = { upstream: 'qa', tag: 'v1.5.0-rc.2', since: now - 3 * 3_600_000 };
  const report = evaluateGates({ soak: '24h' }, { kind: 'promotion', candidate }, now);
  assert.equal([report.open, iso(report.opensAt)], [false, '2026-12-04T12:00:00.000Z']);
  assert.is(
    describeGate(report.gates[0], report.zone),
    'soak: qa has run v1.5.0-rc.2 for 3h of the required 24h, until Fri 2026-12-04 12:00 UTC',
  );
  const later = evaluateGates({ soak: '24h' }, { kind: 'promotion', candidate }, now + 23 * 3_600_000);
  assert.is(describeGate(later.gates[0], later.zone), 'soak: qa has run v1.5.0-rc.2 for 1d 2h (24h required)');
  assert.equal([later.open, later.opensAt], [true, null]);
  const nothing = evaluateGates({ soak: '24h' }, { kind: 'promotion', candidate: null }, now);
  assert.equal(
    [nothing.open, describeGate(nothing.gates[0], 'UTC')],
    [true, 'soak 24h: nothing waiting to be promoted'],
  );
  // A tag dated in the future (a skewed clock) has run for no time, not a negative one.
  const skewed = evaluateGates(
    { soak: '1h' },
    { kind: 'promotion', candidate: { ...candidate, since: now + 60_000 } },
    now,
  );
  assert.equal([skewed.open, (skewed.gates[0] as { ranFor: number }).ranFor], [false, 0]);
  // A release is held by freeze windows only.
  assert.equal(evaluateGates({ soak: '24h' }, release, now).gates, []);
});

const BERLIN_WEEKEND: PromotionSettings = {
  timeZone: 'Europe/Berlin',
  freeze: [
    { name: 'weekend', days: ['fri'], from: '18:00' },
    { name: 'weekend', days: ['sat', 'sun'] },
    { name: 'weekend', days: ['mon'], to: '09:00' },
  ],
};

test('weekly windows that follow each other reopen once, at the end of the last', () => {
  const friday = evaluateGates(BERLIN_WEEKEND, release, at('2026-12-04T17:30:00Z')); // Fri 18:30 in Berlin
  assert.equal([friday.open, iso(friday.opensAt)], [false, '2026-12-07T08:00:00.000Z']);
  assert.is(
    describeGate(friday.gates[0], friday.zone),
    'freeze: frozen until Mon 2026-12-07 09:00 Europe/Berlin (08:00 UTC) by "weekend"',
  );
  const thursday = evaluateGates(BERLIN_WEEKEND, release, at('2026-12-03T12:00:00Z'));
  assert.equal([thursday.open, thursday.opensAt], [true, null]);
  assert.is(
    describeGate(thursday.gates[0], thursday.zone),
    'freeze: open; next freeze "weekend" from Fri 2026-12-04 18:00 Europe/Berlin (17:00 UTC) until Mon 2026-12-07 09:00 Europe/Berlin (08:00 UTC)',
  );
  assert.is(evaluateGates(BERLIN_WEEKEND, release, at('2026-12-07T08:00:00Z')).open, true, 'reopened at 09:00 sharp');
});

test('a weekly window crossing midnight holds into the next day, found from either side', () => {
  const settings: PromotionSettings = { freeze: [{ days: ['fri'], from: '22:00', to: '06:00' }] };
  const saturday = evaluateGates(settings, release, at('2026-12-05T05:00:00Z'));
  assert.equal([saturday.open, iso(saturday.opensAt)], [false, '2026-12-05T06:00:00.000Z']);
  assert.is(
    describeGate(saturday.gates[0], 'UTC'),
    'freeze: frozen until Sat 2026-12-05 06:00 UTC by "fri 22:00–06:00"',
  );
  assert.is(evaluateGates(settings, release, at('2026-12-05T06:00:00Z')).open, true);
  assert.is(evaluateGates(settings, release, at('2026-12-04T21:59:00Z')).open, true);
});

test('weekly windows across DST changes keep their local times: a night shortened, a night lengthened', () => {
  // Sat 22:00 → Sun 06:00 in Berlin: 8 hours, 7 on the night clocks go forward, 9 on the night they go back.
  const settings: PromotionSettings = {
    timeZone: 'Europe/Berlin',
    freeze: [{ name: 'night', days: ['sat'], from: '22:00', to: '06:00' }],
  };
  const spring = evaluateGates(settings, release, at('2026-03-28T21:00:00Z'));
  assert.equal([spring.open, iso(spring.opensAt)], [false, '2026-03-29T04:00:00.000Z']);
  assert.is(
    describeGate(spring.gates[0], spring.zone),
    'freeze: frozen until Sun 2026-03-29 06:00 Europe/Berlin (04:00 UTC) by "night"',
  );
  const autumn = evaluateGates(settings, release, at('2026-10-24T20:00:00Z'));
  assert.equal([autumn.open, iso(autumn.opensAt)], [false, '2026-10-25T05:00:00.000Z']);
  // A window from a time the change skips starts when the clocks show the time after it.
  const skipped = evaluateGates(
    { timeZone: 'Europe/Berlin', freeze: [{ days: ['sun'], from: '02:30', to: '04:00' }] },
    release,
    at('2026-03-29T01:20:00Z'),
  );
  assert.equal(
    [skipped.open, iso((skipped.gates[0] as { next: { from: number } }).next.from)],
    [true, '2026-03-29T01:30:00.000Z'],
  );
  // Weekly at 09:00 Berlin time is 08:00 UTC in winter and 07:00 UTC in summer.
  const monday: PromotionSettings = {
    timeZone: 'Europe/Berlin',
    freeze: [{ days: ['mon'], from: '09:00', to: '10:00' }],
  };
  assert.is(evaluateGates(monday, release, at('2026-03-23T08:30:00Z')).open, false);
  assert.is(evaluateGates(monday, release, at('2026-03-30T08:30:00Z')).open, true);
  assert.is(evaluateGates(monday, release, at('2026-03-30T07:30:00Z')).open, false);
});

test('dated windows: in the zone unless they carry an offset; a date alone as `to` includes that day', () => {
  const settings: PromotionSettings = {
    timeZone: 'Europe/Berlin',
    freeze: [{ name: 'year-end', from: '2026-12-24', to: '2026-12-26' }],
  };
  const late = evaluateGates(settings, release, at('2026-12-26T22:59:00Z'));
  assert.equal([late.open, iso(late.opensAt)], [false, '2026-12-26T23:00:00.000Z']);
  assert.is(evaluateGates(settings, release, at('2026-12-23T22:59:00Z')).open, true);
  assert.is(evaluateGates(settings, release, at('2026-12-23T23:00:00Z')).open, false);
  const exact = { freeze: [{ from: '2026-12-24T18:00+01:00', to: '2026-12-25T06:30:00Z' }] };
  const night = evaluateGates(exact, release, at('2026-12-24T17:00:00Z'));
  assert.equal([night.open, iso(night.opensAt)], [false, '2026-12-25T06:30:00.000Z']);
  assert.is(evaluateGates(exact, release, at('2026-12-24T16:59:00Z')).open, true);
});

test('soak and freeze together: the promotion opens when the soak is done and no window is closed', () => {
  const now = at('2026-12-04T12:00:00Z'); // Friday 13:00 in Berlin
  const candidate = { upstream: 'qa', tag: 'v2.0.0-rc.1', since: now - 20 * 3_600_000 };
  // The soak ends at 16:00 UTC, Fri 17:00 in Berlin, an hour before the weekend freeze: it opens then.
  const before = evaluateGates({ ...BERLIN_WEEKEND, soak: '24h' }, { kind: 'promotion', candidate }, now);
  assert.equal([before.open, iso(before.opensAt)], [false, '2026-12-04T16:00:00.000Z']);
  // With a 26h soak it ends inside the freeze: the promotion opens on Monday morning.
  const inside = evaluateGates({ ...BERLIN_WEEKEND, soak: '26h' }, { kind: 'promotion', candidate }, now);
  assert.equal([inside.open, iso(inside.opensAt)], [false, '2026-12-07T08:00:00.000Z']);
  assert.equal(
    inside.gates.map((g) => g.open),
    [false, true],
  );
});

test('windows that cover the whole week never reopen, and say so', () => {
  const always = evaluateGates(
    { freeze: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }] },
    release,
    at('2026-12-03T12:00:00Z'),
  );
  assert.equal([always.open, always.opensAt], [false, null]);
  assert.is(
    describeGate(always.gates[0], always.zone),
    'freeze: frozen until no end within a year by "mon, tue, wed, thu, fri, sat, sun"',
  );
});

test('the settings are checked, one sentence naming the setting each', () => {
  const check = (settings: PromotionSettings, movement: 'branch' | 'promotion' | 'release' = 'promotion') =>
    checkPromotion(settings, 'environments.2 (prod)', 'prod', movement);
  assert.equal(check({ timeZone: 'Europe/Berln' }), [
    'environments.2 (prod): promotion.timeZone "Europe/Berln" is not an IANA time zone; write one like "Europe/Berlin", "America/New_York" or "UTC"',
  ]);
  assert.equal(check({ freeze: [{ days: ['mon'], from: '9:00', to: '24:01' }] }), [
    'environments.2 (prod): promotion.freeze.0.from "9:00" is not a time of day such as "09:00"',
    'environments.2 (prod): promotion.freeze.0.to "24:01" is not a time of day such as "09:00" or "24:00"',
  ]);
  assert.equal(check({ freeze: [{ days: ['mon'], from: '09:00', to: '09:00' }] }), [
    'environments.2 (prod): promotion.freeze.0 starts and ends at 09:00, which is no time at all; leave out "from" and "to" to freeze whole days',
  ]);
  assert.equal(check({ freeze: [{ from: '2026-12-24' }] }), [
    'environments.2 (prod): promotion.freeze.0 needs "from" and "to" (dates such as "2026-12-24" or "2026-12-24T18:00"), or "days" for a weekly window',
  ]);
  assert.equal(check({ freeze: [{ from: '2026-02-30', to: '2026-03-01T25:00' }] }), [
    'environments.2 (prod): promotion.freeze.0.from "2026-02-30" is not a date or date-time such as "2026-12-24" or "2026-12-24T18:00"',
    'environments.2 (prod): promotion.freeze.0.to "2026-03-01T25:00" is not a date or date-time such as "2026-12-24" or "2026-12-24T18:00"',
  ]);
  assert.equal(check({ freeze: [{ from: '2026-12-26', to: '2026-12-24' }] }), [
    'environments.2 (prod): promotion.freeze.0 ends ("2026-12-24") before it starts ("2026-12-26")',
  ]);
  assert.equal(check({ soak: '24h' }, 'release'), [
    'environments.2 (prod): promotion.soak holds what trunk env promote moves, and prod moves with each release; put the soak on the environment promoted from it',
  ]);
  assert.equal(check({ freeze: [{ days: ['sat'] }] }, 'branch'), [
    'environments.2 (prod): promotion.freeze cannot hold prod: it follows the branch, which every merge moves; freeze the environment after it',
  ]);
  assert.equal(
    check({ soak: '1d', timeZone: 'europe/berlin', freeze: [{ from: '2026-12-24', to: '2026-12-24' }] }),
    [],
  );
});

test('the config: a bad duration is named by its key, and the gates are checked with the other environment rules', () => {
  const envs = (promotion: unknown) => ({
    environments: [
      { name: 'dev', track: { kind: 'branch' } },
      { name: 'qa', track: { kind: 'candidate' } },
      { name: 'prod', track: { kind: 'stable' }, promotion },
    ],
  });
  assert.equal(validatePolicy(envs({ soak: '24 hours' }), 'trunk.config.json'), {
    problems: [
      'trunk.config.json: "environments.prod.promotion.soak" must be a duration such as 24h, 90m, 2d or 1d12h, not "24 hours"',
    ],
  });
  assert.equal(validatePolicy(envs({ freeze: [{ days: ['saturday'] }] }), 'trunk.config.json'), {
    problems: [
      'trunk.config.json: "environments.prod.promotion.freeze.0.days.0" must be one of "mon", "tue", "wed", "thu", "fri", "sat", "sun", not "saturday"',
    ],
  });
  assert.equal(validatePolicy(envs({ timeZone: 'Mars/Olympus' }), 'trunk.config.json'), {
    problems: [
      'trunk.config.json: environments.2 (prod): promotion.timeZone "Mars/Olympus" is not an IANA time zone; write one like "Europe/Berlin", "America/New_York" or "UTC"',
    ],
  });
  assert.ok('policy' in validatePolicy(envs({ soak: '24h', freeze: [{ days: ['sat', 'sun'] }] }), 'f'));
});

test('the override record: one line per closed gate, the reason and who, as trailers after the notes', () => {
  const now = at('2026-12-04T17:30:00Z');
  const candidate = { upstream: 'qa', tag: 'v1.5.0-rc.2', since: now - 3 * 3_600_000 };
  const report = evaluateGates({ ...BERLIN_WEEKEND, soak: '24h' }, { kind: 'promotion', candidate }, now);
  const record = overrideRecord([{ env: 'prod', report }], {
    reason: 'hotfix for INC-42',
    by: 'Jane Doe <jane@example.com>',
  });
  assert.equal(record, [
    'Trunk-Override: soak (prod): qa had run v1.5.0-rc.2 for 3h of the required 24h',
    'Trunk-Override: freeze window "weekend" (prod), frozen until 2026-12-07T08:00:00Z',
    'Override-Reason: hotfix for INC-42',
    'Override-By: Jane Doe <jane@example.com>',
  ]);
  assert.is(withRecord('## 1.5.0\n\n* a\n', record), `## 1.5.0\n\n* a\n\n${record.join('\n')}\n`);
  assert.is(withRecord('## 1.5.0\n', []), '## 1.5.0\n');
  // Long lines fold at 100 columns, the footer limit of commitlint's config-conventional; git unfolds them.
  const reason = `${'word '.repeat(40)}end`;
  const [, , folded] = overrideRecord([{ env: 'prod', report }], { reason, by: 'J <j@example.com>' });
  assert.ok(folded.split('\n').length > 1 && folded.split('\n').every((l) => l.length <= 100), folded);
  assert.is(folded.replaceAll('\n ', ' '), `Override-Reason: ${reason}`);
  // What the server hook reads back: a freeze override of that environment, with a reason, folded or not.
  const tagObject = `object ${'a'.repeat(40)}\ntype commit\ntag v1.5.0\ntagger T <t@x> 1 +0000\n\n${withRecord('## 1.5.0\n', record)}`;
  assert.ok(recordsFreezeOverride(tagObject, 'prod'));
  assert.not.ok(recordsFreezeOverride(tagObject, 'qa'));
  assert.not.ok(recordsFreezeOverride(tagObject.replace(/Override-Reason: .*\n/, ''), 'prod'));
  assert.ok(
    recordsFreezeOverride(
      `x\n\n${[`Trunk-Override: freeze window "${'w'.repeat(90)}"`, ' (prod), frozen until 2026-12-07T08:00:00Z', 'Override-Reason: r'].join('\n')}`,
      'prod',
    ),
  );
  // The reason is one line of printable text; none at all is no reason.
  assert.is(cleanReason('  needed\n\tnow \u001b[31m '), 'needed now [31m');
  assert.is(cleanReason(' \n '), null);
});

test.run();

import createPreset from 'conventional-changelog-conventionalcommits';
import { CommitParser } from 'conventional-commits-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCommit } from '../../src/core/commits/conventional.js';

const test = suite('parseCommit');
const reference = new CommitParser(createPreset().parser);

/** A seeded generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADERS = [
  'feat: add ingress',
  'fix(web): probe #12',
  'perf!: cache',
  'feat(api)!: drop v1 (#31)',
  'chore: tidy',
  'Revert "feat: add ingress"',
  'not conventional #4',
  'docs: see org/repo#9',
];
const LINES = [
  '',
  'Adjusts replicas and limits for the service.',
  'Refs #7',
  'Closes #12, fixes #13',
  'closes org/other#5',
  'BREAKING CHANGE: values renamed',
  'BREAKING-CHANGE: the cache is required #44',
  'This reverts commit 1234567.',
  'A line with a # but no number',
  'Co-authored-by: Someone <s@example.com>',
  'fixes #8 and resolves #9 in one line',
];

test('equals the full parser on every field the notes and versions use, over 3000 generated messages', () => {
  const next = random(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  for (let i = 0; i < 3000; i++) {
    const body = Array.from({ length: Math.floor(next() * 6) }, () => pick(LINES));
    const message = [pick(HEADERS), '', ...body].join(next() < 0.1 ? '\r\n' : '\n');
    const full = reference.parse(message);
    const fast = parseCommit('0'.repeat(40), message);
    const expected = {
      header: full.header,
      scope: full.scope,
      subject: full.subject,
      notes: full.notes,
      references: full.references,
      revert: full.revert,
    };
    const got = {
      header: fast.header,
      scope: fast.scope,
      subject: fast.subject,
      notes: fast.notes,
      references: fast.references,
      revert: fast.revert,
    };
    assert.equal(got, expected, `case ${i}: ${JSON.stringify(message)}`);
    assert.is(fast.type, full.type ?? (full.revert ? 'revert' : null));
  }
});

test('a huge header or body is read in bounded form: type, scope and the breaking marker stay right', () => {
  const long = parseCommit('0'.repeat(40), `feat(api)!: ${'a'.repeat(5000)}`);
  assert.equal([long.type, long.scope, long.breaking], ['feat', 'api', true]);
  const body = `fix(web): probe\n\n${'Adjusts replicas and limits for the service #7.\n'.repeat(250_000)}\nBREAKING CHANGE: the probe is required`;
  const big = parseCommit('0'.repeat(40), body);
  assert.equal(
    [big.type, big.scope, big.breaking, big.notes.at(-1)?.text],
    ['fix', 'web', true, 'the probe is required'],
  );
  const line = parseCommit('0'.repeat(40), `chore: tidy\n\n${'a'.repeat(1_000_000)}!#1`);
  assert.equal([line.type, line.breaking], ['chore', false]);
  const revert = parseCommit(
    '0'.repeat(40),
    `Revert "feat: add ingress"\n\nThis reverts commit 1234567.\n\n${'x\n'.repeat(100_000)}`,
  );
  assert.equal([revert.type, revert.revert], ['revert', { header: 'feat: add ingress', hash: '1234567' }]);
});

test.run();

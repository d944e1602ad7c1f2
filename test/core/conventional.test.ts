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

const HEADERS = ['feat: add ingress', 'fix(web): probe #12', 'perf!: cache', 'feat(api)!: drop v1 (#31)', 'chore: tidy', 'Revert "feat: add ingress"', 'not conventional #4', 'docs: see org/repo#9'];
const LINES = [
  '', 'Adjusts replicas and limits for the service.', 'Refs #7', 'Closes #12, fixes #13', 'closes org/other#5',
  'BREAKING CHANGE: values renamed', 'BREAKING-CHANGE: the cache is required #44', 'This reverts commit 1234567.',
  'A line with a # but no number', 'Co-authored-by: Someone <s@example.com>', 'fixes #8 and resolves #9 in one line',
];

test('equals the full parser on every field the notes and versions use, over 3000 generated messages', () => {
  const next = random(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  for (let i = 0; i < 3000; i++) {
    const body = Array.from({ length: Math.floor(next() * 6) }, () => pick(LINES));
    const message = [pick(HEADERS), '', ...body].join(next() < 0.1 ? '\r\n' : '\n');
    const full = reference.parse(message);
    const fast = parseCommit('0'.repeat(40), message);
    const expected = { header: full.header, scope: full.scope, subject: full.subject, notes: full.notes, references: full.references, revert: full.revert };
    const got = { header: fast.header, scope: fast.scope, subject: fast.subject, notes: fast.notes, references: fast.references, revert: fast.revert };
    assert.equal(got, expected, `case ${i}: ${JSON.stringify(message)}`);
    assert.is(fast.type, full.type ?? (full.revert ? 'revert' : null));
  }
});

test.run();

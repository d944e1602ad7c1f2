import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isNoteworthy, parseCommit } from '../../src/core/commits/conventional.js';
import { addCommit, emptyAnalysis } from '../../src/core/versioning/analysis.js';
import { bumpFor, maxBump, type Bump } from '../../src/core/versioning/bump.js';
import { lastRelease, planRelease, type ReleaseOptions } from '../../src/core/versioning/plan.js';

const test = suite('versioning');

const bumps: [string, Bump | null][] = [
  ['feat: add ingress', 'minor'],
  ['feat(api)!: drop v1', 'major'],
  ['fix!: change default', 'major'],
  ['fix: probe', 'patch'],
  ['perf: cache', 'patch'],
  ['revert: feat: add ingress\n\nThis reverts commit 1234567.', 'patch'],
  ['Revert "feat: add ingress"\n\nThis reverts commit 1234567.', 'patch'],
  ['chore: bump chart', null],
  ['docs: readme', null],
  ['refactor: split\n\nBREAKING CHANGE: values renamed', 'major'],
  ['refactor: split\n\nBREAKING-CHANGE: values renamed', 'major'],
  ["Merge branch 'feature/a'", null],
  ['Initial commit', null],
  ['feat: x\n\nbody mentioning a BREAKING CHANGE in passing', 'minor'],
  ['feat: x\n\n> BREAKING CHANGE: only quoted', 'minor'],
  // The parser (and so semantic-release) reads the footer keyword in any case.
  ['fix: x\n\nbreaking change: lower case', 'major'],
  ['fix: x\nSigned-off-by: A <a@example.com>', 'patch'],
  ['feat: 🚀 launch the ingress', 'minor'],
];
for (const [message, expected] of bumps)
  test(`${JSON.stringify(message.split('\n')[0])} → ${expected}`, () => {
    assert.is(bumpFor(parseCommit('a'.repeat(40), message)), expected);
  });

test('release.rules override types; a breaking change is always major', () => {
  assert.is(bumpFor({ type: 'chore', breaking: false }, { chore: 'patch' }), 'patch');
  assert.is(bumpFor({ type: 'feat', breaking: false }, { feat: 'none' }), null);
  assert.is(bumpFor({ type: 'feat', breaking: true }, { feat: 'none' }), 'major');
});

test('maxBump', () => {
  assert.is(maxBump(null, 'patch'), 'patch');
  assert.is(maxBump('minor', 'patch'), 'minor');
  assert.is(maxBump('minor', 'major'), 'major');
  assert.is(maxBump(null, null), null);
});

test('the fast path and the full parser agree on every commit, in any order', () => {
  const messages = bumps.map(([m]) => m).concat(['feat(scope): with #12 ref', 'ci: pipeline', 'style: fmt']);
  const analyse = (list: string[]) => {
    const a = emptyAnalysis();
    list.forEach((m, i) => addCommit(a, String(i).padStart(40, '0'), m, {}));
    return a;
  };
  const forward = analyse(messages);
  assert.is(forward.bump, 'major');
  assert.is(forward.commits, messages.length);
  assert.is(analyse([...messages].reverse()).bump, forward.bump);
  for (const m of messages) assert.is(analyse([m]).bump, bumpFor(parseCommit('0'.repeat(40), m)), m);
  const noteworthy = messages.map((m, i) => parseCommit(String(i).padStart(40, '0'), m)).filter(isNoteworthy);
  assert.equal(forward.noteworthy, noteworthy);
});

const options: ReleaseOptions = { tagPrefix: 'v', initialVersion: '1.0.0', zeroMajor: false };
const tags = ['v1.2.0', 'v1.10.0', 'v1.3.0-rc.1', 'v2.0.0-rc.1', 'latest', 'v1.9', 'deploy-1'];

test('the last release is the highest stable semver tag, not the newest or a prerelease', () => {
  assert.equal(lastRelease(tags, 'v'), { tag: 'v1.10.0', version: '1.10.0' });
  assert.equal(lastRelease(['latest'], 'v'), { tag: null, version: null });
});

test('planRelease: bumps, first release, nothing to release', () => {
  const last = lastRelease(tags, 'v');
  const stable = tags.filter((t) => t !== 'v2.0.0-rc.1');
  assert.equal(planRelease(last, 'minor', stable, options), { kind: 'release', version: '1.11.0', tag: 'v1.11.0', bump: 'minor' });
  assert.equal(planRelease(last, 'major', tags, options), { kind: 'release', version: '2.0.0', tag: 'v2.0.0', bump: 'major' });
  assert.equal(planRelease(last, null, tags, options), { kind: 'nothing' });
  assert.equal(planRelease({ tag: null, version: null }, 'patch', [], options), { kind: 'release', version: '1.0.0', tag: 'v1.0.0', bump: 'patch' });
});

test('never a release below an existing one of the prefix, prereleases included (the push guard would refuse it)', () => {
  const last = lastRelease(tags, 'v');
  assert.equal(planRelease(last, 'minor', tags, options), { kind: 'below', tag: 'v1.11.0', above: 'v2.0.0-rc.1', instead: '2.0.0' });
  assert.equal(planRelease(last, 'patch', [...tags, 'v3.1.0'], options), { kind: 'below', tag: 'v1.10.1', above: 'v3.1.0', instead: '3.1.1' });
  assert.equal(planRelease(last, null, [...tags, 'v3.1.0'], { ...options, releaseAs: '3.0.0' }), { kind: 'below', tag: 'v3.0.0', above: 'v3.1.0', instead: '3.1.1' });
  assert.is(planRelease(last, 'minor', ['v1.10.0', '9.0.0', 'x9.0.0'], options).kind, 'release', 'other spellings do not count');
  assert.equal(planRelease({ tag: '1.2.3', version: '1.2.3' }, 'minor', ['1.2.3', 'v9.0.0'], { ...options, tagPrefix: '' }), { kind: 'release', version: '1.3.0', tag: '1.3.0', bump: 'minor' });
});

test('zeroMajor: a breaking change bumps the minor while 0.x', () => {
  const zero = { tag: 'v0.4.2', version: '0.4.2' };
  assert.is((planRelease(zero, 'major', [], { ...options, zeroMajor: true }) as { version: string }).version, '0.5.0');
  assert.is((planRelease(zero, 'major', [], options) as { version: string }).version, '1.0.0');
});

test('--release-as must be a greater semver version', () => {
  const last = { tag: 'v1.4.0', version: '1.4.0' };
  assert.equal(planRelease(last, null, [], { ...options, releaseAs: '2.0.0' }), { kind: 'release', version: '2.0.0', tag: 'v2.0.0', bump: null });
  assert.is(planRelease(last, 'patch', [], { ...options, releaseAs: '1.3.0' }).kind, 'invalid');
  assert.is(planRelease(last, 'patch', [], { ...options, releaseAs: 'v2' }).kind, 'invalid');
});

test('prereleases number from 1, never skip or repeat, and restart for a new base version', () => {
  const last = { tag: 'v1.2.0', version: '1.2.0' };
  const rc = { ...options, prereleaseId: 'rc' };
  assert.is((planRelease(last, 'minor', ['v1.2.0'], rc) as { tag: string }).tag, 'v1.3.0-rc.1');
  assert.is((planRelease(last, 'minor', ['v1.2.0', 'v1.3.0-rc.1', 'v1.3.0-rc.2'], rc) as { tag: string }).tag, 'v1.3.0-rc.3');
  assert.is((planRelease(last, 'major', ['v1.2.0', 'v1.3.0-rc.2'], rc) as { tag: string }).tag, 'v2.0.0-rc.1');
  assert.is((planRelease(last, 'minor', ['v1.3.0-beta.4'], rc) as { tag: string }).tag, 'v1.3.0-rc.1');
  assert.is((planRelease(last, 'minor', ['v1.2.0', 'v1.3.0-rc.2'], options) as { tag: string }).tag, 'v1.3.0', 'stable from the last stable');
});

test.run();

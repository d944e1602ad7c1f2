import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isNoteworthy, parseCommit } from '../../src/core/commits/conventional.js';
import { bumper, maxBump } from '../../src/core/versioning/bump.js';
import { lastRelease, planRelease, type ReleaseOptions } from '../../src/core/versioning/plan.js';
import { analyse, exampleBumps, hashOf } from '../helpers/bumps.js';

const test = suite('versioning');

for (const [message, expected] of exampleBumps)
  test(`${JSON.stringify(message.split('\n')[0])} → ${expected}`, () => {
    assert.is(analyse([message]).bump, expected);
  });

test('release.rules override types; a breaking change is always major; revert names revert commits', () => {
  const commit = (type: string, facts: { breaking?: boolean; revert?: boolean } = {}) => ({
    breaking: false,
    revert: false,
    ...facts,
    fields: { type },
  });
  assert.is(bumper({ chore: 'patch' })(commit('chore')), 'patch');
  assert.is(bumper({ feat: 'none' })(commit('feat')), null);
  assert.is(bumper({ feat: 'none' })(commit('feat', { breaking: true })), 'major');
  assert.is(bumper({ revert: 'minor' })(commit('revert', { revert: true })), 'minor');
  assert.is(bumper()(commit('revert')), null, 'a revert: header that names no commit');
  assert.is(bumper()(commit('constructor')), null);
});

test('maxBump', () => {
  assert.is(maxBump(null, 'patch'), 'patch');
  assert.is(maxBump('minor', 'patch'), 'minor');
  assert.is(maxBump('minor', 'major'), 'major');
  assert.is(maxBump(null, null), null);
});

test('a history: the largest bump in any order, the count, and the noteworthy commits in order', () => {
  const messages = exampleBumps.map(([m]) => m).concat(['feat(scope): with #12 ref', 'ci: pipeline', 'style: fmt', '']);
  const forward = analyse(messages);
  assert.is(forward.bump, 'major');
  assert.is(forward.commits, messages.length);
  assert.is(analyse([...messages].reverse()).bump, forward.bump);
  const noteworthy = messages
    .filter(Boolean)
    .map((m) => parseCommit('', m))
    .filter(isNoteworthy);
  assert.equal(
    forward.noteworthy.map((c) => c.header),
    noteworthy.map((c) => c.header),
  );
});

test('a revert and its original in the range drop out of the bump and the notes; the rest stays', () => {
  const [feat, fix, revert] = [
    'feat(api)!: drop v1',
    'fix: probe',
    `Revert "feat(api)!: drop v1"\n\nThis reverts commit ${hashOf(0)}.`,
  ];
  // Newest first: the revert, the fix, the breaking change.
  const analysis = analyse([revert, fix, feat]);
  assert.is(analysis.bump, 'patch');
  assert.equal(
    analysis.noteworthy.map((c) => c.header),
    ['fix: probe'],
  );
  assert.is(analysis.commits, 3);
  // Its original outside the range: the revert is a patch, in the notes.
  assert.equal(
    analyse([revert, fix]).noteworthy.map((c) => c.type),
    ['revert', 'fix'],
  );
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
  assert.equal(planRelease(last, 'minor', stable, options), {
    kind: 'release',
    version: '1.11.0',
    tag: 'v1.11.0',
    bump: 'minor',
  });
  assert.equal(planRelease(last, 'major', tags, options), {
    kind: 'release',
    version: '2.0.0',
    tag: 'v2.0.0',
    bump: 'major',
  });
  assert.equal(planRelease(last, null, tags, options), { kind: 'nothing' });
  assert.equal(planRelease({ tag: null, version: null }, 'patch', [], options), {
    kind: 'release',
    version: '1.0.0',
    tag: 'v1.0.0',
    bump: 'patch',
  });
});

test('never a release below an existing one of the prefix, prereleases included (the push guard would refuse it)', () => {
  const last = lastRelease(tags, 'v');
  assert.equal(planRelease(last, 'minor', tags, options), {
    kind: 'below',
    tag: 'v1.11.0',
    above: 'v2.0.0-rc.1',
    instead: '2.0.0',
  });
  assert.equal(planRelease(last, 'patch', [...tags, 'v3.1.0'], options), {
    kind: 'below',
    tag: 'v1.10.1',
    above: 'v3.1.0',
    instead: '3.1.1',
  });
  assert.equal(planRelease(last, null, [...tags, 'v3.1.0'], { ...options, releaseAs: '3.0.0' }), {
    kind: 'below',
    tag: 'v3.0.0',
    above: 'v3.1.0',
    instead: '3.1.1',
  });
  assert.is(
    planRelease(last, 'minor', ['v1.10.0', '9.0.0', 'x9.0.0'], options).kind,
    'release',
    'other spellings do not count',
  );
  assert.equal(
    planRelease({ tag: '1.2.3', version: '1.2.3' }, 'minor', ['1.2.3', 'v9.0.0'], { ...options, tagPrefix: '' }),
    { kind: 'release', version: '1.3.0', tag: '1.3.0', bump: 'minor' },
  );
});

test('zeroMajor: a breaking change bumps the minor while 0.x', () => {
  const zero = { tag: 'v0.4.2', version: '0.4.2' };
  assert.is((planRelease(zero, 'major', [], { ...options, zeroMajor: true }) as { version: string }).version, '0.5.0');
  assert.is((planRelease(zero, 'major', [], options) as { version: string }).version, '1.0.0');
});

test('--release-as must be a greater semver version', () => {
  const last = { tag: 'v1.4.0', version: '1.4.0' };
  assert.equal(planRelease(last, null, [], { ...options, releaseAs: '2.0.0' }), {
    kind: 'release',
    version: '2.0.0',
    tag: 'v2.0.0',
    bump: null,
  });
  assert.is(planRelease(last, 'patch', [], { ...options, releaseAs: '1.3.0' }).kind, 'invalid');
  assert.is(planRelease(last, 'patch', [], { ...options, releaseAs: 'v2' }).kind, 'invalid');
});

test('prereleases number from 1, never skip or repeat, and restart for a new base version', () => {
  const last = { tag: 'v1.2.0', version: '1.2.0' };
  const rc = { ...options, prereleaseId: 'rc' };
  assert.is((planRelease(last, 'minor', ['v1.2.0'], rc) as { tag: string }).tag, 'v1.3.0-rc.1');
  assert.is(
    (planRelease(last, 'minor', ['v1.2.0', 'v1.3.0-rc.1', 'v1.3.0-rc.2'], rc) as { tag: string }).tag,
    'v1.3.0-rc.3',
  );
  assert.is((planRelease(last, 'major', ['v1.2.0', 'v1.3.0-rc.2'], rc) as { tag: string }).tag, 'v2.0.0-rc.1');
  assert.is((planRelease(last, 'minor', ['v1.3.0-beta.4'], rc) as { tag: string }).tag, 'v1.3.0-rc.1');
  assert.is(
    (planRelease(last, 'minor', ['v1.2.0', 'v1.3.0-rc.2'], options) as { tag: string }).tag,
    'v1.3.0',
    'stable from the last stable',
  );
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatTag, isReleaseLooking, parseTag } from '../../src/core/versioning/tag.js';
import { releaseCommitMessage, releaseTagOf } from '../../src/core/commits/release-commit.js';

const test = suite('tags');

const cases: [string, string, string | null, boolean][] = [
  ['v1.4.0', 'v', '1.4.0', true],
  ['v1.0.0+build.1', 'v', '1.0.0+build.1', true],
  ['v1.4.0-rc.1', 'v', '1.4.0-rc.1', true],
  ['v01.0.0', 'v', null, true],
  ['v1.0', 'v', null, true],
  ['1.0.0', 'v', null, false],
  ['1.0.0', '', '1.0.0', true],
  ['vv1.0.0', 'v', null, false],
  ['v 1.0.0', 'v', null, false],
  ['v1.0.0 ', 'v', null, true],
  ['release-2.0.0', 'release-', '2.0.0', true],
  ['latest', 'v', null, false],
  ['version-1', 'v', null, false],
];
for (const [name, prefix, version, looking] of cases)
  test(`${JSON.stringify(name)} with prefix ${JSON.stringify(prefix)}`, () => {
    assert.is(parseTag(name, prefix), version);
    assert.is(isReleaseLooking(name, prefix), looking);
  });

test('formatTag', () => assert.is(formatTag('v', '1.4.0'), 'v1.4.0'));

test('a release commit is recognised by its subject and trailer together', () => {
  assert.is(releaseTagOf(releaseCommitMessage('v1.4.0')), 'v1.4.0');
  assert.is(releaseTagOf('chore(release): v1.4.0\n'), null);
  assert.is(releaseTagOf('chore(release): v1.4.0\n\nTrunk-Release: v1.5.0\n'), null);
  assert.is(releaseTagOf('fix: x\n\nTrunk-Release: v1.4.0\n'), null);
});

test.run();

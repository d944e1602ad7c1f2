import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closest } from '../../src/core/closest.js';

const test = suite('closest');
const FLAGS = ['dry-run', 'json', 'push', 'release-as', 'prerelease'];

const cases: [string, readonly string[], string | null][] = [
  ['dryrun', FLAGS, 'dry-run'],
  ['dry', FLAGS, 'dry-run'],
  ['jsno', FLAGS, 'json'],
  ['JSON', FLAGS, 'json'],
  ['prerelase', FLAGS, 'prerelease'],
  ['releaseas', FLAGS, 'release-as'],
  ['pussh', FLAGS, 'push'],
  ['frobnicate', FLAGS, null],
  ['x', FLAGS, null],
  ['', FLAGS, null],
  ['stauts', ['status', 'diff', 'promote'], 'status'],
  ['anything', [], null],
];
for (const [typed, candidates, expected] of cases)
  test(`${JSON.stringify(typed)} → ${expected}`, () => assert.is(closest(typed, candidates), expected));

test.run();

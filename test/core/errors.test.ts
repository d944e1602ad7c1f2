// Messages of the catalogue that no e2e test reaches cheaply: each names the file, ref or setting, and a fix.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errors } from '../../src/errors.js';

const test = suite('the error catalogue');

test('a push that leaves the trunk with another trunk name says where the name comes from, even with no config', () => {
  const named = errors.pushedTrunkDiffers('trunk.config.json', 'main', 'master');
  assert.is(
    named.message,
    'trunk.config.json names "main" as the trunk, but the server\'s trunk (its HEAD) is master.',
  );
  const defaulted = errors.pushedTrunkDiffers(null, 'main', 'master');
  assert.is(
    defaulted.message,
    'with no trunk config committed, the trunk would be "main" (the default), but the server\'s trunk (its HEAD) is master.',
  );
  assert.match(defaulted.fix, 'commit a trunk.config.json with "trunk": "master"');
});

test.run();

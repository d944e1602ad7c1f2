import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validatePolicy } from '../../src/adapters/config/schema.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';
import { TARGET, validatorSource } from '../../scripts/schema-validator.mjs';

const test = suite('validatePolicy');

test('the committed validator is generated from the current schema', () => {
  assert.fixture(readFileSync(TARGET, 'utf8'), validatorSource());
});

test('an empty config gets every default', () => {
  assert.equal(validatePolicy({}, 'trunk.config.json'), { policy: defaultPolicy });
  assert.equal(validatePolicy(undefined, 'defaults'), { policy: defaultPolicy });
});

test('every problem is reported, one per key, naming the file', () => {
  const result = validatePolicy({ trunk: '-main', branches: 'feature/*', maxBehind: 1.5, colour: 'red' }, 'trunk.config.json');
  assert.ok('problems' in result);
  assert.equal([...(result as { problems: string[] }).problems].sort(), [
    'trunk.config.json: branches must be an array',
    'trunk.config.json: colour is not a known setting',
    'trunk.config.json: maxBehind must be a whole number',
    'trunk.config.json: trunk is not a valid branch name',
  ]);
});

test('branch names git refuses are refused as trunk', () => {
  for (const trunk of ['a..b', 'a b', 'x.lock', 'a/', 'a~1', 'a:b', ''])
    assert.ok('problems' in validatePolicy({ trunk }, 'f'), trunk);
  for (const trunk of ['main', 'master', 'release/trunk', 'trunk-2'])
    assert.ok('policy' in validatePolicy({ trunk }, 'f'), trunk);
});

test('environments: the schema and the environment rules report together, naming the file', () => {
  const result = validatePolicy({ environments: [{ name: 'qa', track: { kind: 'latest' } }] }, 'trunk.config.json');
  assert.equal(result, { problems: ['trunk.config.json: environments.0.track.kind must be one of branch, stable, candidate, previous, promoted'] });
  const rules = validatePolicy({ environments: [{ name: 'qa', track: { kind: 'stable' } }, { name: 'prod', track: { kind: 'branch' } }] }, 'trunk.config.json');
  assert.equal(rules, { problems: ['trunk.config.json: environments.1 (prod): only the first environment may track the branch'] });
});

test.run();

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validatePolicy } from '../../src/adapters/config/schema.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';
import { generated } from '../../scripts/gen.mjs';
import { PROJECT } from '../helpers/repo.js';

const test = suite('validatePolicy');

// The build does not write src/generated/, so a schema edited without `npm run gen` fails here.
test('the committed src/generated/ is what npm run gen writes from the current schema', () => {
  for (const [path, text] of generated())
    assert.fixture(readFileSync(join(PROJECT, path), 'utf8'), text, `${path}: run npm run gen and commit it`);
});

test('an empty config gets every default', () => {
  assert.equal(validatePolicy({}, 'trunk.config.json'), { policy: defaultPolicy });
  assert.equal(validatePolicy(undefined, 'defaults'), { policy: defaultPolicy });
});

test('every problem is reported, one per key, naming the file', () => {
  const result = validatePolicy(
    { trunk: '-main', branches: 'feature/*', maxBehind: 1.5, colour: 'red' },
    'trunk.config.json',
  );
  assert.ok('problems' in result);
  assert.equal([...(result as { problems: string[] }).problems].sort(), [
    'trunk.config.json: "branches" must be an array, not "feature/*"',
    'trunk.config.json: "colour" is not a known setting',
    'trunk.config.json: "maxBehind" must be a whole number, not 1.5',
    'trunk.config.json: "trunk" must be a branch name git accepts, not "-main"',
  ]);
});

/** [config, the one problem it has]: each a sentence naming the key and the value found, never a validator line. */
const sentences: [unknown, string][] = [
  [{ environments: [{ name: 'qa', track: 3 }] }, '"environments.qa.track" must be an object, not 3'],
  [
    { environments: [{ name: 'qa', track: { kind: 'stable', range: 3 } }] },
    '"environments.qa.track.range" must be a string, not 3',
  ],
  [{ environments: [{ track: { kind: 'branch' } }] }, '"environments.0" needs "name"'],
  [{ changelog: { file: true } }, '"changelog.file" must be a string or false, not true'],
  [{ branches: [] }, '"branches" must list at least one entry, not []'],
  [{ maxBehind: -1 }, '"maxBehind" must be at least 0, not -1'],
  [{ protectTrunk: 'yes' }, '"protectTrunk" must be true or false, not "yes"'],
  [{ release: { onMerge: 'always' } }, '"release.onMerge" must be one of "tag", "notes", "off", not "always"'],
  [
    { release: { rules: { 'feat-x': 'minor' } } },
    '"release.rules" has the key "feat-x": its keys are commit types (letters, digits and _)',
  ],
  [{ release: { initialVersion: 'v1' } }, '"release.initialVersion" must be a version X.Y.Z, e.g. 1.0.0, not "v1"'],
  [
    { gitops: { flux: { interval: '1 min' } } },
    '"gitops.flux.interval" must be a duration such as 1m or 30s, not "1 min"',
  ],
  [{ gitops: { flux: { intervall: '1m' } } }, '"gitops.flux.intervall" is not a known setting'],
  [{ gitops: { apps: ['api', 'api'] } }, '"gitops.apps" lists "api" twice'],
  [{ gitops: { apps: ['a b'] } }, '"gitops.apps.0" must be a directory name (no spaces, / or braces), not "a b"'],
  [[], 'the config must be an object, not []'],
];
for (const [raw, problem] of sentences)
  test(`${JSON.stringify(raw)}: ${problem}`, () =>
    assert.equal(validatePolicy(raw, 'trunk.config.json'), { problems: [`trunk.config.json: ${problem}`] }));

test('"$schema" is accepted for editors and is not part of the policy', () => {
  assert.equal(validatePolicy({ $schema: './node_modules/trunk-init/schema/trunk.schema.json' }, 'trunk.config.json'), {
    policy: defaultPolicy,
  });
});

test('branch names git refuses are refused as trunk', () => {
  for (const trunk of ['a..b', 'a b', 'x.lock', 'a/', 'a~1', 'a:b', ''])
    assert.ok('problems' in validatePolicy({ trunk }, 'f'), trunk);
  for (const trunk of ['main', 'master', 'release/trunk', 'trunk-2'])
    assert.ok('policy' in validatePolicy({ trunk }, 'f'), trunk);
});

test('environments: the schema and the environment rules report together, naming the file', () => {
  const result = validatePolicy({ environments: [{ name: 'qa', track: { kind: 'latest' } }] }, 'trunk.config.json');
  assert.equal(result, {
    problems: [
      'trunk.config.json: "environments.qa.track.kind" must be one of "branch", "stable", "candidate", "previous", "promoted", not "latest"',
    ],
  });
  const rules = validatePolicy(
    {
      environments: [
        { name: 'qa', track: { kind: 'stable' } },
        { name: 'prod', track: { kind: 'branch' } },
      ],
    },
    'trunk.config.json',
  );
  assert.equal(rules, {
    problems: ['trunk.config.json: environments.1 (prod): only the first environment may track the branch'],
  });
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonSyntaxError } from '../../src/adapters/config/json-syntax.js';

const test = suite('jsonSyntaxError');

/** [text, line, column, problem]: the mistakes people make in a hand-edited JSON file. */
const cases: [string, number, number, string][] = [
  ['{bad', 1, 2, 'expected a property name in double quotes, found `bad`'],
  [
    '{\n  "trunk": "main",\n}\n',
    3,
    1,
    'expected a property name in double quotes, found `}` after a comma (JSON allows no trailing comma)',
  ],
  ['{"branches": ["feature/*",]}', 1, 27, 'expected a value, found `]` after a comma (JSON allows no trailing comma)'],
  ["{'trunk': 'main'}", 1, 2, "expected a property name in double quotes, found `'trunk'`"],
  ['{\n  "trunk": "main"\n  "tagPrefix": "v"\n}', 3, 3, 'expected ",", found `"tagPrefix"`'],
  ['{ "trunk": ', 1, 12, 'expected a value, found the end of the file'],
  ['{ "trunk": "main" ', 1, 19, 'expected "}", found the end of the file'],
  ['{ "protectTrunk": yes }', 1, 19, 'expected a value, found `yes`'],
  ['{ "trunk" "main" }', 1, 11, 'expected ":", found `"main"`'],
  ['{ "trunk": "main" // the trunk\n}', 1, 19, 'found the comment `// the trunk`, and JSON has no comments'],
  ['{}}', 1, 3, 'expected the end of the file, found `}`'],
  ['', 1, 1, 'expected a value, found the end of the file'],
];
for (const [text, line, column, problem] of cases)
  test(JSON.stringify(text), () => assert.equal(jsonSyntaxError(text), { line, column, problem }));

test('valid JSON has no syntax error', () => {
  assert.is(jsonSyntaxError('{ "trunk": "main", "branches": ["feature/*"] }\n'), null);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { matchBranch } from '../../src/core/policy/branch-pattern.js';

const test = suite('matchBranch');
const cases: [string, string[], boolean][] = [
  ['feature/a', ['feature/*'], true],
  ['feature/a/b', ['feature/*'], false],
  ['feature/a/b', ['feature/**'], true],
  ['feature/', ['feature/*'], false],
  ['Feature/a', ['feature/*'], false],
  ['fix/a', ['feature/*', 'fix/*'], true],
  ['feature/.hidden', ['feature/*'], true],
  ['main', ['feature/*'], false],
  ['feature/a', [], false],
];
for (const [name, patterns, expected] of cases)
  test(`${name} ~ ${patterns.join(',')}`, () => assert.is(matchBranch(name, patterns), expected));
test.run();

import fc from 'fast-check';
import picomatch from 'picomatch';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileGlobs, matchBranch, rememberGlobs } from '../../src/core/policy/branch-pattern.js';

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

// matchBranch compiles each glob once and may take its regular expression from the policy cache; its answer must be
// picomatch's own matcher's, on globs built from picomatch's syntax (braces, classes, extglobs, negation). No
// backslash escapes: picomatch 4.0.7's parser does not return from an extglob followed by a run of them.
const globPart = fc.constantFrom('a', 'b', '/', '*', '**', '?', '.', '-', '{a,b}', '[ab]', '!', '@(a|b)', '+(a|b)');
const glob = fc.array(globPart, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const name = fc.array(fc.constantFrom('a', 'b', '/', '.', '-', 'ab', '*'), { maxLength: 6 }).map((p) => p.join(''));
/** picomatch's answer, or the error it throws for the glob. */
const outcome = (f: () => boolean) => {
  try {
    return f();
  } catch (err) {
    return (err as Error).message;
  }
};
test('answers as picomatch does, compiled here or remembered from the cache', () => {
  fc.assert(
    fc.property(fc.array(glob, { minLength: 1, maxLength: 3 }), name, (globs, branch) => {
      const expected = outcome(() => picomatch(globs, { dot: true })(branch));
      assert.is(
        outcome(() => matchBranch(branch, globs)),
        expected,
        `${branch} ~ ${globs.join(',')}`,
      );
      if (typeof expected !== 'boolean') return;
      const cached = Object.entries(compileGlobs(globs)).map(([glob, re]) => [glob, new RegExp(re.source, re.flags)]);
      rememberGlobs(Object.fromEntries(cached));
      assert.is(matchBranch(branch, globs), expected, `remembered: ${branch} ~ ${globs.join(',')}`);
    }),
    { numRuns: 2000 },
  );
});

test.run();

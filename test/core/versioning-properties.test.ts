// Property tests of the version logic (fast-check): thousands of generated histories, not a handful of examples.
import fc from 'fast-check';
import { gt, inc, lt } from 'semver';
import { suite } from 'uvu';
import { maxBump, type Bump } from '../../src/core/versioning/bump.js';
import { planRelease, type ReleaseOptions } from '../../src/core/versioning/plan.js';
import { analyse } from '../helpers/bumps.js';

const test = suite('version logic, properties');
const RUNS = 500;
const options: ReleaseOptions = { tagPrefix: 'v', initialVersion: '1.0.0', zeroMajor: false };

const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)).map(([a, b, c]) => `${a}.${b}.${c}`);
const bump = fc.constantFrom<Bump>('major', 'minor', 'patch');
const message = fc
  .tuple(
    fc.constantFrom('feat', 'fix', 'perf', 'revert', 'chore', 'docs', 'refactor', 'ci', 'Merge branch', 'WIP'),
    fc.option(fc.constantFrom('api', 'web', 'x-y'), { nil: undefined }),
    fc.boolean(),
    fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ').trim() || 'change'),
    fc.constantFrom(
      '',
      '\n\nbody text',
      '\n\nBREAKING CHANGE: gone',
      '\n\nRefs #12',
      '\n\nbreaking change: lower case',
    ),
  )
  .map(([type, scope, bang, subject, tail]) =>
    / /.test(type) ? `${type} ${subject}` : `${type}${scope ? `(${scope})` : ''}${bang ? '!' : ''}: ${subject}${tail}`,
  );

test('the next version is always greater than the last release', () => {
  fc.assert(
    fc.property(version, bump, fc.boolean(), (last, b, zeroMajor) => {
      const plan = planRelease({ tag: `v${last}`, version: last }, b, [], { ...options, zeroMajor });
      return plan.kind === 'release' && gt(plan.version, last);
    }),
    { numRuns: RUNS },
  );
});

test('the bump of a history is the largest bump of its commits, whatever their order', () => {
  fc.assert(
    fc.property(
      fc
        .array(message, { maxLength: 25 })
        .chain((ms) =>
          fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length })),
        ),
      ([messages, shuffled]) => {
        const expected = messages.map((m) => analyse([m]).bump).reduce(maxBump, null);
        return analyse(messages).bump === expected && analyse(shuffled).bump === expected;
      },
    ),
    { numRuns: RUNS },
  );
});

test('adding a commit never lowers the next version', () => {
  fc.assert(
    fc.property(fc.array(message, { maxLength: 25 }), message, version, (messages, added, last) => {
      const next = (ms: string[]) => {
        const plan = planRelease({ tag: `v${last}`, version: last }, analyse(ms).bump, [], options);
        return plan.kind === 'release' ? plan.version : last;
      };
      return !lt(next([...messages, added]), next(messages));
    }),
    { numRuns: RUNS },
  );
});

test('a prerelease sequence never skips or repeats a number, and the stable release follows the last stable tag', () => {
  fc.assert(
    fc.property(version, bump, fc.integer({ min: 1, max: 12 }), (last, b, count) => {
      const tags = [`v${last}`];
      const rc = { ...options, prereleaseId: 'rc' };
      for (let n = 1; n <= count; n++) {
        const plan = planRelease({ tag: `v${last}`, version: last }, b, tags, rc);
        if (plan.kind !== 'release' || plan.version !== `${inc(last, b)}-rc.${n}`) return false;
        tags.push(plan.tag);
      }
      const stable = planRelease({ tag: `v${last}`, version: last }, b, tags, options);
      return stable.kind === 'release' && stable.version === inc(last, b);
    }),
    { numRuns: RUNS },
  );
});

test.run();

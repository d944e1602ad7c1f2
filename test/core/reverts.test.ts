import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { filterRevertedCommitsSync } from 'conventional-commits-filter';
import fc from 'fast-check';
import { RevertIndex, withoutReverted } from '../../src/core/commits/reverts.js';

const test = suite('reverts');

// Values where trimming, null against a missing or undefined field, and one revert naming two commits decide.
const value = fc.constantFrom('a', ' a', 'a ', 'b', '', ' ', null, undefined);
const fields = fc.record({ header: value, hash: value }, { requiredKeys: [] });
const commit = fc.record(
  {
    header: value,
    hash: value,
    notes: fc.constant([]),
    revert: fc.oneof(
      fc.constant(null),
      fields,
      fields.map(({ hash = null, header = null }) => ({ hash, header })),
    ),
  },
  { requiredKeys: ['revert'] },
);

test('the same commits as conventional-commits-filter, in the same order, for any list', () => {
  fc.assert(
    fc.property(fc.array(commit, { maxLength: 30 }), (list) => {
      const expected = Array.from(filterRevertedCommitsSync(list));
      const actual = withoutReverted(list);
      assert.is(actual.length, expected.length);
      actual.forEach((c, i) => assert.ok(c === expected[i], `commit ${i} is the filter's`));
    }),
    { numRuns: 3000 },
  );
});

test('a revert of a revert takes the revert, and the original stays', () => {
  const original = { header: 'feat: a', hash: '1', revert: null };
  const revert = { header: 'Revert "feat: a"', hash: '2', revert: { header: 'feat: a', hash: '1' } };
  const again = { header: 'Revert "Revert "feat: a""', hash: '3', revert: { header: revert.header, hash: '2' } };
  assert.equal(withoutReverted([again, revert, original]), [original]);
  assert.equal(withoutReverted([revert, original]), []);
  assert.equal(
    withoutReverted([original, revert]),
    [original, revert],
    'a revert older than its original pairs with nothing',
  );
});

test('the reverts still waiting come out in the order they were added', () => {
  const index = new RevertIndex<string>();
  index.add({ header: 'x', hash: '1' }, 'first');
  index.add({ hash: '2' }, 'second');
  index.add({ header: 'x', hash: '1' }, 'third');
  assert.is(index.take({ header: ' x ', hash: '1' }), 'first');
  assert.is(index.take({ header: 'x', hash: '3' }), undefined);
  assert.is(index.size, 2);
  assert.equal([...index.waiting()], ['second', 'third']);
});

test.run();

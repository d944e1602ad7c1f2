// JSON written in pieces (src/cli/json-pieces.ts) must join to exactly what JSON.stringify gives: for any value a
// command prints, with strings long enough to be cut, cut anywhere (lines, surrogate pairs, lone surrogates).
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonPieces } from '../../src/cli/json-pieces.js';

const test = suite('jsonPieces');

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('a', '\n', '"', '\\', '\u0001', '\u007f', '\u009b', '⚠', '😀', '\ud83d', '\ude00'),
    maxLength: 40,
  }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(text, tie('node'), { maxKeys: 4 }),
  ),
})).node;

test('the pieces join to JSON.stringify of an object, whatever the piece size', () => {
  fc.assert(
    fc.property(fc.dictionary(text, value, { maxKeys: 6 }), fc.integer({ min: 1, max: 12 }), (object, size) => {
      assert.is([...jsonPieces(object, size)].join(''), JSON.stringify(object));
    }),
    { numRuns: 3000 },
  );
});

test('a release-sized string is cut at line ends, each piece escaped on its own', () => {
  const notes = Array.from({ length: 20_000 }, (_, i) => `* **apps:** change ${i} ⚠ "quoted" 😀`).join('\n');
  const pieces = [...jsonPieces({ version: '2.0.0', notes, commits: 20_000 })];
  assert.ok(pieces.length > 10, `${pieces.length} pieces`);
  assert.is(pieces.join(''), JSON.stringify({ version: '2.0.0', notes, commits: 20_000 }));
  // '{"version":', '"2.0.0"', ',"notes":', '"', the notes' pieces, '"', ',"commits":', '20000', '}'
  assert.ok(pieces.slice(4, -5).every((piece) => piece.endsWith('\\n')));
});

test.run();

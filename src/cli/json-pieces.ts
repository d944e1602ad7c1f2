// JSON output written in pieces: `trunk release --json` carries the notes of a 100,000-commit release (6 MB, held as
// 12 MB when a line holds a character beyond Latin-1), and JSON.stringify of the whole would build another string of
// that size before a byte is written. The pieces join to exactly what JSON.stringify gives.

/** Strings longer than this are escaped piece by piece, each piece ending at a line end where one is near. */
const PIECE = 1 << 16;

/** `text` in pieces of about `size` characters, never splitting a surrogate pair. */
function* slices(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const lineEnd = text.lastIndexOf('\n', end - 1);
      if (lineEnd >= start) end = lineEnd + 1;
      // A surrogate pair stays whole: in the next piece, or in this one if it starts with it.
      else if (/[\ud800-\udbff]/.test(text[end - 1]) && /[\udc00-\udfff]/.test(text[end]))
        end += end - 1 > start ? -1 : 1;
    }
    yield text.slice(start, end);
    start = end;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  Object.getPrototypeOf(value) === Object.prototype &&
  !('toJSON' in value);

/** JSON.stringify(value) (no indentation) as pieces: plain objects key by key, long strings piece by piece,
 * everything else whole. */
export function* jsonPieces(value: unknown, size = PIECE): Generator<string> {
  if (typeof value === 'string' && value.length > size) {
    yield '"';
    for (const slice of slices(value, size)) yield JSON.stringify(slice).slice(1, -1);
    yield '"';
  } else if (isPlainObject(value)) {
    let separator = '{';
    for (const [key, field] of Object.entries(value)) {
      // What JSON.stringify leaves out of an object.
      if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
      yield `${separator}${JSON.stringify(key)}:`;
      separator = ',';
      yield* jsonPieces(field, size);
    }
    yield separator === '{' ? '{}' : '}';
  } else yield JSON.stringify(value);
}

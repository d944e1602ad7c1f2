// Names as a sentence lists them, for messages and usage text built from a registry (the GitOps tools, the forges).

/** `a`, `a and b`, `a, b and c` (or with "or"). */
export const wordList = (words: readonly string[], conjunction: 'and' | 'or'): string =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;

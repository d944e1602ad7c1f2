// conventional-commits-parser looks for issue references in every header, body and footer line with
//   (?:.*?)??\s*([\w-\.\/]*?)??(PREFIX)([\w-]+)(?=\s|$|[,;)\]])
// whose optional lazy lead-in is tried at every start, for every length, for every repository length: cubic in
// the length of a line that holds no reference (a 1,600-character subject takes 2 s, 100-character lines 2 ms
// each), and commitlint parses with it. The lead-in is optional, so that regex finds a match from its lastIndex
// exactly when its tail, (PREFIX)[\w-]+(?=…), matches from there, and the tail alone is linear. So the parser is
// taught to ask the tail first and, when it fails, to return what the full regex would (null, lastIndex reset to
// 0) without running it. Results are identical; only the hopeless search is skipped. Installed once, for every
// parser in the process: commitlint's (which builds its own) and ours.
import { CommitParser, type CommitReference, type ParserOptions } from 'conventional-commits-parser';

interface ParserInternals {
  options: ParserOptions;
  regexes: { referenceParts: RegExp; url: RegExp };
  parseReference(input: string, action: string | null): CommitReference | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The linear tail of the parser's reference regex, or null when the prefixes are not all plain strings. */
export function tailFor(options: ParserOptions): RegExp | null {
  const prefixes = options.issuePrefixes;
  if (!prefixes) return /(?!)/g; // the parser then matches no reference at all (its regex is /(?!.*)/)
  if (!prefixes.every((p) => typeof p === 'string' && p.trim())) return null;
  const alternatives = prefixes.map((p) => escape((p as string).trim())).join('|');
  return new RegExp(`(?:${alternatives})[\\w-]+(?=\\s|$|[,;)\\]])`, options.issuePrefixesCaseSensitive ? 'g' : 'gi');
}

const tails = new WeakMap<object, RegExp | null>();
const prototype = CommitParser.prototype as unknown as ParserInternals;
const fullSearch = prototype.parseReference;

prototype.parseReference = function (this: ParserInternals, input, action) {
  const { referenceParts, url } = this.regexes;
  if (!tails.has(this.regexes)) tails.set(this.regexes, tailFor(this.options));
  const tail = tails.get(this.regexes);
  if (tail) {
    tail.lastIndex = referenceParts.lastIndex;
    if (!tail.test(input) && !url.test(input)) {
      referenceParts.lastIndex = 0; // what a failed exec of the global regex leaves
      return null;
    }
  }
  return fullSearch.call(this, input, action);
};

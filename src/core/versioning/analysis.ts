// Folds the commits since the last release, newest first as git log gives them, into what a release needs: the
// bump, the count, and the commits the notes show. The bump is @semantic-release/commit-analyzer's with the
// conventionalcommits preset, reverts included: a revert and the commit it reverts, both in the range, count for
// nothing, as conventional-commits-filter drops them. Streaming: 100,000 commits are never held as full parsed
// objects; only the reverts still waiting for their original are kept.
import {
  headlineCommit,
  isNoteworthy,
  isVisibleType,
  parseMessage,
  readHeadline,
  slimCommit,
  type ParsedCommit,
} from '../commits/conventional.js';
import { RevertIndex } from '../commits/reverts.js';
import { bumper, maxBump, type Bump, type BumpRules } from './bump.js';

export interface Analysis {
  bump: Bump | null;
  commits: number;
  noteworthy: ParsedCommit[];
}

export interface Analyzer {
  /** Adds the next commit, in git log order (a revert before what it reverts). */
  add(hash: string, message: string): void;
  /** The analysis of the commits added. */
  result(): Analysis;
}

/** A revert whose original has not come yet: it counts only if that never comes. */
interface Waiting {
  bump: Bump | null;
  /** Its place in the notes, or -1. */
  note: number;
}

/** semantic-release's core drops these from what its analyzer sees (lib/definitions/plugins.js); the notes keep them. */
const SKIP_RELEASE = /\[skip\s+release]|\[release\s+skip]/i;

export function createAnalyzer(rules: BumpRules): Analyzer {
  const bumpOf = bumper(rules);
  let bump: Bump | null = null;
  let commits = 0;
  const noteworthy: (ParsedCommit | null)[] = [];
  // A revert names its original's header and full hash, as git writes them.
  const waiting = new RevertIndex<Waiting>();

  /** Whether a waiting revert names this commit; if so, both are dropped. */
  function reverted(header: string | null, hash: string): boolean {
    const revert = waiting.take({ header, hash });
    if (revert === undefined) return false;
    if (revert.note !== -1) noteworthy[revert.note] = null;
    return true;
  }

  return {
    add(hash, raw) {
      commits++;
      // semantic-release's core trims each message before any plugin reads it (lib/git.js).
      const message = raw.trim();
      if (message === '') return; // the analyzer skips empty messages
      if (SKIP_RELEASE.test(message)) {
        const parsed = slimCommit(hash, parseMessage(message));
        if (isNoteworthy(parsed)) noteworthy.push(parsed);
        return;
      }
      const headline = readHeadline(message);
      // Read from the header alone: a type the notes hide, or one they show with no note or reference to find.
      const quick = headline && headlineCommit(hash, message, headline);
      if (headline && !headline.breaking && (!isVisibleType(headline.type) || quick)) {
        if (reverted(headline.header, hash)) return;
        bump = maxBump(bump, bumpOf({ breaking: false, revert: false, fields: { type: headline.type } }));
        if (quick) noteworthy.push(quick);
        return;
      }
      const commit = parseMessage(message);
      // A `-hash-` line stands in for the commit's hash, as it does in the analyzer.
      if (reverted(commit.header, commit.hash ?? hash)) return;
      const own = bumpOf({ breaking: commit.notes.length > 0, revert: Boolean(commit.revert), fields: commit });
      const parsed = slimCommit(hash, commit);
      const note = isNoteworthy(parsed) ? noteworthy.push(parsed) - 1 : -1;
      // A revert set by a `-revert-` line is a string, which slimCommit leaves out: it names no commit, so it counts.
      if (!parsed.revert) bump = maxBump(bump, own);
      else waiting.add(parsed.revert, { bump: own, note });
    },
    result() {
      let total = bump;
      for (const revert of waiting.waiting()) total = maxBump(total, revert.bump);
      return { bump: total, commits, noteworthy: noteworthy.filter((c) => c !== null) };
    },
  };
}

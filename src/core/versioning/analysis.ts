// Folds the commits since the last release, one at a time, into what a release needs: the bump, the count,
// and the commits the notes show. Streaming: 100,000 commits are never held as full parsed objects.
import { isNoteworthy, isVisibleType, parseCommit, type ParsedCommit } from '../commits/conventional.js';
import { bumpFor, maxBump, type Bump, type BumpRules } from './bump.js';

export interface Analysis {
  bump: Bump | null;
  commits: number;
  noteworthy: ParsedCommit[];
}

export const emptyAnalysis = (): Analysis => ({ bump: null, commits: 0, noteworthy: [] });

// The preset's header grammar; a header that matches it without "!" needs no full parse unless its type shows in
// the notes, the body may hold a breaking-change footer, or it is a revert.
const HEADER = /^(\w*)(?:\((.*)\))?(!)?: (.*)$/;
const NEEDS_PARSER = /BREAKING[ -]CHANGE|^revert/im;

/** Adds one commit to `analysis` (mutated, for speed). */
export function addCommit(analysis: Analysis, hash: string, message: string, rules: BumpRules): void {
  analysis.commits++;
  const header = HEADER.exec(message.slice(0, (message.indexOf('\n') + 1 || message.length + 1) - 1));
  if (header && !header[3] && !NEEDS_PARSER.test(message)) {
    if (!isVisibleType(header[1])) {
      analysis.bump = maxBump(analysis.bump, bumpFor({ type: header[1], breaking: false }, rules));
      return;
    }
  } else if (!header && !NEEDS_PARSER.test(message)) {
    return; // No type (merge commits, "Initial commit"): no bump, not in the notes.
  }
  const commit = parseCommit(hash, message);
  analysis.bump = maxBump(analysis.bump, bumpFor(commit, rules));
  if (isNoteworthy(commit)) analysis.noteworthy.push(commit);
}

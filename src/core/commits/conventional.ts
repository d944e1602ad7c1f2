// Commits parsed with conventional-commits-parser and the conventionalcommits preset's grammar, slimmed to
// what versioning and release notes use (a release may span 100,000 commits).
import createPreset, { DEFAULT_COMMIT_TYPES } from 'conventional-changelog-conventionalcommits';
import { CommitParser, type Commit, type CommitNote, type CommitReference } from 'conventional-commits-parser';
import { MAX_LINE, MAX_MESSAGE, overBounds, parsedLines } from './bounds.js';
import './references.js';

export interface ParsedCommit {
  hash: string;
  header: string | null;
  type: string | null;
  scope: string | null;
  subject: string | null;
  notes: CommitNote[];
  references: CommitReference[];
  /** What a revert commit reverts (the writer leaves reverted commits out of the notes). */
  revert: Commit['revert'];
  /** `!` in the header or a BREAKING CHANGE / BREAKING-CHANGE footer (the parser's notes; any case). */
  breaking: boolean;
}

const options = createPreset().parser;
// The parser's reference search is linear (references.ts). Its revert pattern is quadratic in a run of whitespace,
// so it is tried on the start of the message only, where git writes `Revert "…"` and `This reverts commit …`.
const parser = new CommitParser({ ...options, revertPattern: undefined });
const REVERT_WINDOW = 4096;
const NOTE = /^[\s|*]*BREAKING[ -]CHANGE[:\s]/i; // the preset's note keywords, as the parser finds them
const VISIBLE = new Set(DEFAULT_COMMIT_TYPES.filter((t) => !t.hidden).map((t) => t.type));

function revertOf(message: string): Commit['revert'] {
  const match = options.revertPattern ? message.slice(0, REVERT_WINDOW).match(options.revertPattern) : null;
  if (!match) return null;
  return Object.fromEntries((options.revertCorrespondence ?? []).map((key, i) => [key, match[i + 1] || null]));
}

/**
 * A message past the bounds (bounds.ts), cut to them: every line to MAX_LINE, the whole to MAX_MESSAGE. A breaking
 * change past the cut still counts: the first note line after it is kept.
 */
function bounded(message: string): string {
  const lines = parsedLines(message);
  if (!overBounds(lines)) return message;
  const kept: string[] = [];
  let length = -1;
  let note = false;
  for (const line of lines) {
    const cut = line.slice(0, MAX_LINE);
    if (length + cut.length + 1 <= MAX_MESSAGE) {
      kept.push(cut);
      length += cut.length + 1;
      note ||= NOTE.test(cut);
    } else if (!note && NOTE.test(cut)) {
      kept.push(cut);
      note = true;
    }
  }
  return kept.join('\n');
}

function parse(message: string): Commit {
  const commit = parser.parse(bounded(message));
  commit.revert = revertOf(message);
  return commit;
}

/** Parses one commit message; git's own `Revert "…"` messages get the type "revert". */
export function parseCommit(hash: string, message: string): ParsedCommit {
  const c = parse(message);
  return {
    hash,
    header: c.header,
    type: c.type ?? (c.revert ? 'revert' : null),
    scope: c.scope,
    subject: c.subject,
    notes: c.notes,
    references: c.references,
    revert: c.revert,
    // The parser only makes notes of the preset's breaking keywords, and the preset's notes list every note.
    breaking: c.notes.length > 0,
  };
}

/** Whether the preset's notes have a visible section for this type (feat, fix, perf, revert). */
export const isVisibleType = (type: string | null) => type !== null && VISIBLE.has(type);

/** Whether the release notes can show this commit (a visible section, or a breaking change). */
export const isNoteworthy = (commit: ParsedCommit) => commit.breaking || isVisibleType(commit.type);

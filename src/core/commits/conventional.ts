// Commits parsed with conventional-commits-parser and the conventionalcommits preset's grammar, slimmed to
// what versioning and release notes use (a release may span 100,000 commits).
import createPreset, { DEFAULT_COMMIT_TYPES } from 'conventional-changelog-conventionalcommits';
import { CommitParser, type Commit, type CommitNote, type CommitReference } from 'conventional-commits-parser';
import { lineKinds, MAX_LINE, MAX_MESSAGE, MAX_NOTES, MAX_REFERENCING, measure, parsedLines, withinBounds } from './bounds.js';
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
const kinds = lineKinds(options);
const VISIBLE = new Set(DEFAULT_COMMIT_TYPES.filter((t) => !t.hidden).map((t) => t.type));

function revertOf(message: string): Commit['revert'] {
  const match = options.revertPattern ? message.slice(0, REVERT_WINDOW).match(options.revertPattern) : null;
  if (!match) return null;
  return Object.fromEntries((options.revertCorrespondence ?? []).map((key, i) => [key, match[i + 1] || null]));
}

/**
 * A message past the bounds (bounds.ts), cut to them: every line to MAX_LINE, then the lines that still fit each
 * budget. A breaking change past the cut still counts: the first note line past it is kept.
 */
function bounded(message: string): string {
  const lines = parsedLines(message);
  if (withinBounds(measure(lines, kinds))) return message;
  const kept: string[] = [];
  let [length, referencing, notes] = [-1, 0, 0];
  for (const line of lines.map((l) => l.slice(0, MAX_LINE))) {
    const [references, note] = [kinds.referencing(line), kinds.note(line)];
    const fits = length + line.length + 1 <= MAX_MESSAGE && (!references || referencing + line.length <= MAX_REFERENCING) && (!note || notes < MAX_NOTES);
    if (!fits && !(note && notes === 0)) continue;
    kept.push(line);
    length += line.length + 1;
    if (references) referencing += line.length;
    if (note) notes++;
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

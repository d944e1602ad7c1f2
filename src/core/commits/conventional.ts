// Commits parsed with conventional-commits-parser and the conventionalcommits preset's grammar, slimmed to
// what versioning and release notes use (a release may span 100,000 commits).
import createPreset, { DEFAULT_COMMIT_TYPES } from 'conventional-changelog-conventionalcommits';
import { CommitParser, type Commit, type CommitNote, type CommitReference } from 'conventional-commits-parser';

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
const parser = new CommitParser(options);
// The parser tries its issue-reference regex at every position of every line, half its time on a typical body.
// A reference needs an issue prefix ("#"), so a message without one parses identically without that regex.
const prefixes = (options.issuePrefixes ?? []).map((prefix) => (typeof prefix === 'string' ? prefix.toLowerCase() : null));
const withoutReferences = new CommitParser({ ...options, issuePrefixes: undefined });
const mayReference = (message: string) => prefixes.some((prefix) => prefix === null || message.toLowerCase().includes(prefix));
const VISIBLE = new Set(DEFAULT_COMMIT_TYPES.filter((t) => !t.hidden).map((t) => t.type));

/** Parses one commit message; git's own `Revert "…"` messages get the type "revert". */
export function parseCommit(hash: string, message: string): ParsedCommit {
  const c = (mayReference(message) ? parser : withoutReferences).parse(message);
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

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
// The parser tries its issue-reference regex at every position of every line (cubic on a line without "#"): half
// its time on typical bodies. A reference needs an issue prefix and never spans lines, so the references of a
// message are those of its header and of its lines that hold a prefix. Everything else parses identically
// without that regex, except breaking-change notes, which a reference line ends: those messages parse whole.
const prefixes = (options.issuePrefixes ?? []).map((prefix) => (typeof prefix === 'string' ? prefix.toLowerCase() : null));
const withoutReferences = new CommitParser({ ...options, issuePrefixes: undefined });
const mayReference = (text: string) => prefixes.some((prefix) => prefix === null || text.toLowerCase().includes(prefix));
const MAY_HAVE_NOTES = /BREAKING[ -]CHANGE/i;
const VISIBLE = new Set(DEFAULT_COMMIT_TYPES.filter((t) => !t.hidden).map((t) => t.type));

function parse(message: string): Commit {
  if (!mayReference(message)) return withoutReferences.parse(message);
  if (MAY_HAVE_NOTES.test(message)) return parser.parse(message);
  const commit = withoutReferences.parse(message);
  const referenceLines = message.split(/\r?\n/).slice(1).filter(mayReference);
  const header = commit.header && mayReference(commit.header) ? commit.header : '-'; // "-": no references, no cost
  commit.references = parser.parse([header, '', ...referenceLines].join('\n')).references;
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

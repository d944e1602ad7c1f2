// Commit-message linting with commitlint's own rules, from an already-loaded commitlint config, in bounded time:
// the parser's reference search is linear (references.ts) and a message past the bounds (bounds.ts) is refused
// without being parsed.
import lint from '@commitlint/lint';
import type { LintOptions, QualifiedRules } from '@commitlint/types';
import {
  lineKinds,
  MAX_LINE,
  MAX_MESSAGE,
  MAX_NOTES,
  MAX_REFERENCING,
  measure,
  parsedLines,
  withinBounds,
  type Excess,
} from './bounds.js';
import './references.js';

/** The parts of a loaded commitlint configuration that linting uses. */
export interface CommitlintConfig {
  rules: QualifiedRules;
  parserOpts: NonNullable<LintOptions['parserOpts']>;
  ignores?: LintOptions['ignores'];
  defaultIgnores?: boolean;
  plugins?: LintOptions['plugins'];
  helpUrl?: string;
}

export interface LintProblem {
  rule: string;
  message: string;
}

export interface LintReport {
  valid: boolean;
  errors: LintProblem[];
  warnings: LintProblem[];
}

const problem = ({ name, message }: { name: string; message: string }): LintProblem => ({ rule: name, message });
const count = (n: number) => n.toLocaleString('en-US');

/** What is wrong with a message past the bounds: commitlint's own header-max-length problem where it applies. */
function boundsProblems(lines: readonly string[], over: Excess, rules: QualifiedRules): LintProblem[] {
  const problems: LintProblem[] = [];
  if (over.line === 0) {
    const [level, when, max] = rules['header-max-length'] ?? [];
    const length = lines[0].length;
    problems.push(
      level === 2 && when === 'always' && typeof max === 'number' && length > max
        ? {
            rule: 'header-max-length',
            message: `header must not be longer than ${max} characters, current length is ${length}`,
          }
        : {
            rule: 'trunk-max-line-length',
            message: `header is ${count(length)} characters long; trunk lints lines of up to ${count(MAX_LINE)}`,
          },
    );
  } else if (over.line !== null)
    problems.push({
      rule: 'trunk-max-line-length',
      message: `line ${over.line + 1} is ${count(lines[over.line].length)} characters long; trunk lints lines of up to ${count(MAX_LINE)}`,
    });
  if (over.length > MAX_MESSAGE)
    problems.push({
      rule: 'trunk-max-message-length',
      message: `message is ${count(over.length)} characters long; trunk lints messages of up to ${count(MAX_MESSAGE)}`,
    });
  if (over.referencing > MAX_REFERENCING)
    problems.push({
      rule: 'trunk-max-reference-lines',
      message: `the lines with issue references are ${count(over.referencing)} characters long in all; trunk lints up to ${count(MAX_REFERENCING)}`,
    });
  if (over.notes > MAX_NOTES)
    problems.push({
      rule: 'trunk-max-notes',
      message: `message has ${count(over.notes)} BREAKING CHANGE lines; trunk lints up to ${count(MAX_NOTES)}`,
    });
  return problems;
}

/**
 * Control characters but tab and CR (CRLF editors): terminal escapes, and the separators `git log` output is split
 * on. No message holding one reaches the trunk through a check, so nothing read from git later can be forged by it.
 */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

/**
 * Lints one message as commitlint's CLI would; `commentChar` strips comment lines (edit mode). A message past the
 * bounds, or holding a control character, is refused unparsed, even where commitlint's ignores (merges, reverts)
 * would skip it.
 */
export async function lintMessage(text: string, config: CommitlintConfig, commentChar?: string): Promise<LintReport> {
  if (Object.keys(config.rules).length === 0)
    return {
      valid: false,
      errors: [{ rule: 'empty-rules', message: 'the commitlint configuration has no rules' }],
      warnings: [],
    };
  const lines = parsedLines(text, commentChar);
  const excess = measure(lines, lineKinds(config.parserOpts));
  if (!withinBounds(excess)) return { valid: false, errors: boundsProblems(lines, excess, config.rules), warnings: [] };
  const control = lines.findIndex((line) => CONTROL.test(line));
  if (control >= 0)
    return {
      valid: false,
      errors: [
        {
          rule: 'trunk-control-characters',
          message: `line ${control + 1} holds a control character (an escape sequence, a record separator); messages are text`,
        },
      ],
      warnings: [],
    };
  // The revert pattern is quadratic in a run of whitespace, and only sets `revert`, which no commitlint rule reads:
  // without plugins (whose rules might read it) the parser is spared it.
  const plugins = config.plugins ?? {};
  const parserOpts =
    Object.keys(plugins).length === 0 ? { ...config.parserOpts, revertPattern: undefined } : config.parserOpts;
  const outcome = await lint(text, config.rules, {
    parserOpts: commentChar ? { ...parserOpts, commentChar } : parserOpts,
    ignores: config.ignores ?? [],
    defaultIgnores: config.defaultIgnores !== false,
    plugins,
  });
  return { valid: outcome.valid, errors: outcome.errors.map(problem), warnings: outcome.warnings.map(problem) };
}

export interface CommitFailure {
  sha: string;
  subject: string;
  problems: LintProblem[];
}

/** Lints committed messages (no comment stripping: git already cleaned them); returns the failures. */
export async function lintCommits(
  commits: readonly { sha: string; message: string }[],
  config: CommitlintConfig,
): Promise<CommitFailure[]> {
  const reports = await Promise.all(commits.map((c) => lintMessage(c.message, config)));
  return commits
    .map((c, i) => ({ sha: c.sha, subject: c.message.split('\n', 1)[0], problems: reports[i].errors }))
    .filter((failure) => failure.problems.length > 0);
}

/** One line per failing commit: short sha, subject, and what is wrong. */
export function describeFailures(failures: readonly CommitFailure[]): string[] {
  return failures.map((f) => `${f.sha.slice(0, 7)} "${f.subject}": ${f.problems.map((p) => p.message).join('; ')}`);
}

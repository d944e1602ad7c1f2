// Commit-message linting with commitlint's own rules, from an already-loaded commitlint config.
import lint from '@commitlint/lint';
import type { LintOptions, QualifiedRules } from '@commitlint/types';

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

/** Lints one message as commitlint's CLI would; `commentChar` strips comment lines (edit mode). */
export async function lintMessage(text: string, config: CommitlintConfig, commentChar?: string): Promise<LintReport> {
  if (Object.keys(config.rules).length === 0)
    return { valid: false, errors: [{ rule: 'empty-rules', message: 'the commitlint configuration has no rules' }], warnings: [] };
  const outcome = await lint(text, config.rules, {
    parserOpts: commentChar ? { ...config.parserOpts, commentChar } : config.parserOpts,
    ignores: config.ignores ?? [],
    defaultIgnores: config.defaultIgnores !== false,
    plugins: config.plugins ?? {},
  });
  return { valid: outcome.valid, errors: outcome.errors.map(problem), warnings: outcome.warnings.map(problem) };
}

/** The allowed commit types from the `type-enum` rule, if it lists them. */
export function allowedTypes(config: CommitlintConfig): string[] {
  const rule = config.rules['type-enum'];
  const value = Array.isArray(rule) ? rule[2] : undefined;
  return Array.isArray(value) && rule?.[1] !== 'never' ? value.filter((t): t is string => typeof t === 'string') : [];
}

export interface CommitFailure {
  sha: string;
  subject: string;
  problems: LintProblem[];
}

/** Lints committed messages (no comment stripping: git already cleaned them); returns the failures. */
export async function lintCommits(commits: readonly { sha: string; message: string }[], config: CommitlintConfig): Promise<CommitFailure[]> {
  const reports = await Promise.all(commits.map((c) => lintMessage(c.message, config)));
  return commits
    .map((c, i) => ({ sha: c.sha, subject: c.message.split('\n', 1)[0], problems: reports[i].errors }))
    .filter((failure) => failure.problems.length > 0);
}

/** One line per failing commit: short sha, subject, and what is wrong. */
export function describeFailures(failures: readonly CommitFailure[]): string[] {
  return failures.map((f) => `${f.sha.slice(0, 7)} "${f.subject}": ${f.problems.map((p) => p.message).join('; ')}`);
}

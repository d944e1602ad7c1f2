// Example messages and the bump each asks for on its own: trunk's unit tests and the differential test against
// semantic-release's analyzer (test/core/versioning-oracle.test.ts) both hold them to these answers.
import { createAnalyzer } from '../../src/core/versioning/analysis.js';
import type { Bump, BumpRules } from '../../src/core/versioning/bump.js';

/** The hash analyse gives the `n`th commit, counting from the oldest (0). */
export const hashOf = (n: number) => (n + 1).toString(16).padStart(40, '0');

/** trunk's analysis of `messages`, newest first as git log gives them. */
export function analyse(messages: readonly string[], rules: BumpRules = {}) {
  const analyzer = createAnalyzer(rules);
  messages.forEach((message, i) => analyzer.add(hashOf(messages.length - 1 - i), message));
  return analyzer.result();
}

export const exampleBumps: [string, Bump | null][] = [
  ['feat: add ingress', 'minor'],
  ['feat(api)!: drop v1', 'major'],
  ['fix!: change default', 'major'],
  ['fix: probe', 'patch'],
  ['perf: cache', 'patch'],
  ['revert: feat: add ingress\n\nThis reverts commit 1234567.', 'patch'],
  ['Revert "feat: add ingress"\n\nThis reverts commit 1234567.', 'patch'],
  ['chore: bump chart', null],
  ['docs: readme', null],
  ['refactor: split\n\nBREAKING CHANGE: values renamed', 'major'],
  ['refactor: split\n\nBREAKING-CHANGE: values renamed', 'major'],
  ["Merge branch 'feature/a'", null],
  ['Initial commit', null],
  ['feat: x\n\nbody mentioning a BREAKING CHANGE in passing', 'minor'],
  ['feat: x\n\n> BREAKING CHANGE: only quoted', 'minor'],
  // The parser (and so semantic-release) reads the footer keyword in any case.
  ['fix: x\n\nbreaking change: lower case', 'major'],
  ['fix: x\nSigned-off-by: A <a@example.com>', 'patch'],
  ['feat: 🚀 launch the ingress', 'minor'],
];

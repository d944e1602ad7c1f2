// Which branch names the policy lets receive commits (globs: `*` stays within one path segment), and the one
// branch-name refusal that pre-commit, trunk check and pre-receive give.
import { refuse, type Finding } from '../verdict.js';
import { loadPicomatch } from './picomatch.cjs';
import type { Policy } from './policy.js';

/** Each glob's regular expression: compiled by picomatch once a process, or remembered from the policy cache. */
const compiled = new Map<string, RegExp>();

/** The regular expression picomatch matches `pattern` with (dot files included). */
function globRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = loadPicomatch().makeRe(pattern, { dot: true })));
  return re;
}

/** The regular expressions of `patterns`, by pattern: what the policy cache keeps beside the policy. */
export const compileGlobs = (patterns: readonly string[]): Record<string, RegExp> =>
  Object.fromEntries(patterns.map((pattern) => [pattern, globRegExp(pattern)]));

/** Regular expressions compileGlobs() gave earlier, so that they are not compiled (nor picomatch loaded) again. */
export function rememberGlobs(table: Record<string, RegExp>): void {
  for (const [pattern, re] of Object.entries(table)) compiled.set(pattern, re);
}

/** True when `name` matches one of the glob `patterns`, as picomatch's matcher answers: a name equal to a pattern
 * matches it, an empty name nothing. */
export function matchBranch(name: string, patterns: readonly string[]): boolean {
  return name !== '' && patterns.some((pattern) => name === pattern || globRegExp(pattern).test(name));
}

/** Glob patterns as a refusal lists them: "feature/*" or "fix/*". */
export const quoted = (globs: readonly string[]) => globs.map((b) => `"${b}"`).join(' or ');

/** A branch name the policy allows, for fixes: the first pattern with its wildcard spelled `<name>`. */
export function exampleBranch(policy: Policy): string {
  const pattern = policy.branches[0] ?? 'feature/*';
  return pattern.replace(/\*\*?/, '<name>').replace(/\*\*?/g, 'x');
}

/** The refusal of branch `name` when the policy's branches do not match it: it `may` not do what it tries here. */
export function refuseBranchName(name: string, policy: Policy, may: string, fix: string): Finding | null {
  if (matchBranch(name, policy.branches)) return null;
  return refuse(
    'branch-name',
    `Branch "${name}" ${may}: branch names must match ${quoted(policy.branches)} (setting "branches").`,
    fix,
  );
}

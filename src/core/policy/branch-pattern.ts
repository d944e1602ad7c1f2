// Which branch names the policy lets receive commits (globs: `*` stays within one path segment), and the one
// branch-name refusal that pre-commit, trunk check and pre-receive give.
import picomatch from 'picomatch';
import { refuse, type Finding } from '../verdict.js';
import type { Policy } from './policy.js';

/** True when `name` matches one of the glob `patterns`. */
export function matchBranch(name: string, patterns: readonly string[]): boolean {
  return patterns.length > 0 && picomatch(patterns as string[], { dot: true })(name);
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

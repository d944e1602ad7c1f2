// Which branch names the policy lets receive commits (globs: `*` stays within one path segment).
import picomatch from 'picomatch';

/** True when `name` matches one of the glob `patterns`. */
export function matchBranch(name: string, patterns: readonly string[]): boolean {
  return patterns.length > 0 && picomatch(patterns as string[], { dot: true })(name);
}

// Which semver bump a commit asks for: semantic-release's commit analyzer rules for Conventional Commits.

export type Bump = 'major' | 'minor' | 'patch';
export type BumpRules = Record<string, Bump | 'none'>;

/** `!` or a BREAKING CHANGE footer → major (always); these types → their bump; any other type → none. */
export const defaultBumpRules: BumpRules = { feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch' };

const ORDER: (Bump | null)[] = [null, 'patch', 'minor', 'major'];

/** The bump one commit asks for; `rules` override the defaults type by type. */
export function bumpFor(commit: { type: string | null; breaking: boolean }, rules: BumpRules = {}): Bump | null {
  if (commit.breaking) return 'major';
  const rule = commit.type === null ? undefined : ({ ...defaultBumpRules, ...rules })[commit.type];
  return rule === undefined || rule === 'none' ? null : rule;
}

/** The larger of two bumps. */
export function maxBump(a: Bump | null, b: Bump | null): Bump | null {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

// Which semver bump a commit asks for: the default release rules of @semantic-release/commit-analyzer
// (lib/default-release-rules.js), read from the fields conventional-commits-parser gives the commit.

export type Bump = 'major' | 'minor' | 'patch';
export type BumpRules = Record<string, Bump | 'none'>;

/** What the rules read of a parsed commit. */
export interface BumpFacts {
  /** A breaking-change note: `!` before the colon, or a BREAKING CHANGE / BREAKING-CHANGE footer. */
  breaking: boolean;
  /** The parser found what the commit reverts. */
  revert: boolean;
  /** The parser's fields: `type` from the header, and any field a `-name-` line set. */
  fields: Readonly<Record<string, unknown>>;
}

/**
 * Type → bump: the analyzer's (Angular's feat, fix, perf and JSHint's FEAT, FIX: the type's case matters). `revert`
 * is the bump of a revert commit, whatever its type. A breaking change is major before any rule; other types: none.
 */
export const defaultBumpRules: BumpRules = {
  feat: 'minor',
  fix: 'patch',
  perf: 'patch',
  FEAT: 'minor',
  FIX: 'patch',
  revert: 'patch',
};

/** The analyzer's rules for the fields of other conventions, which only `-name-` lines give a Conventional Commit. */
const FIELD_RULES: readonly [field: string, values: Readonly<Record<string, Bump>>][] = [
  [
    'emoji',
    { ':racehorse:': 'patch', ':bug:': 'patch', ':penguin:': 'patch', ':apple:': 'patch', ':checkered_flag:': 'patch' },
  ],
  [
    'tag',
    {
      BUGFIX: 'patch',
      FEATURE: 'minor',
      SECURITY: 'patch',
      Breaking: 'major',
      Fix: 'patch',
      Update: 'minor',
      New: 'minor',
    },
  ],
  ['component', { perf: 'patch', deps: 'patch' }],
];

const ORDER: (Bump | null)[] = [null, 'patch', 'minor', 'major'];

const asBump = (rule: Bump | 'none' | undefined) => (rule === undefined || rule === 'none' ? null : rule);

/** The bump one commit asks for, under `rules`, which override the defaults type by type. */
export function bumper(rules: BumpRules = {}): (commit: BumpFacts) => Bump | null {
  const all = { ...defaultBumpRules, ...rules };
  const revert = asBump(all.revert);
  return (commit) => {
    if (commit.breaking) return 'major';
    const { type } = commit.fields;
    let bump = commit.revert ? revert : null;
    if (typeof type === 'string' && type !== 'revert' && Object.hasOwn(all, type))
      bump = maxBump(bump, asBump(all[type]));
    for (const [field, values] of FIELD_RULES) {
      const value = commit.fields[field];
      if (typeof value === 'string' && Object.hasOwn(values, value)) bump = maxBump(bump, values[value]);
    }
    return bump;
  };
}

/** The larger of two bumps. */
export function maxBump(a: Bump | null, b: Bump | null): Bump | null {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

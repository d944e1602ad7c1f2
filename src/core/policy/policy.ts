// The branch, tag and release policy a repository configures (config key by config key, with defaults).
import { defaultGitops, type Environment, type GitopsSettings } from '../environments/model.js';
import type { BumpRules } from '../versioning/bump.js';

export interface Policy {
  /** The one long-lived branch. */
  trunk: string;
  /** Glob patterns of the branches that may receive commits. */
  branches: string[];
  /** Warn when a branch's oldest own commit is older than this many days. */
  maxBranchAgeDays: number;
  /** Warn when a branch is more than this many commits behind the trunk. */
  maxBehind: number;
  /** Refuse pushing commits made directly on the trunk. */
  protectTrunk: boolean;
  /** Release tags are `<tagPrefix><semver>`. */
  tagPrefix: string;
  /** Globs of refs outside refs/heads and refs/tags that a push may create or update on the server. */
  serverRefs: string[];
  release: {
    initialVersion: string;
    rules: BumpRules;
    zeroMajor: boolean;
    sign: boolean;
    onMerge: 'tag' | 'notes' | 'off';
  };
  changelog: {
    /** Relative to the repository root; false: no changelog file. */
    file: string | false;
  };
  /** The long-lived environments, in promotion order. */
  environments: Environment[];
  allowMoreThanThree: boolean;
  gitops: GitopsSettings;
}

export const defaultPolicy: Policy = {
  trunk: 'main',
  branches: ['feature/*'],
  maxBranchAgeDays: 2,
  maxBehind: 50,
  protectTrunk: true,
  tagPrefix: 'v',
  serverRefs: [],
  release: { initialVersion: '1.0.0', rules: {}, zeroMajor: false, sign: false, onMerge: 'tag' },
  changelog: { file: 'CHANGELOG.md' },
  environments: [],
  allowMoreThanThree: false,
  gitops: defaultGitops,
};

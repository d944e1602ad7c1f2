// The preset ships no types; this is the part of its API trunk-init uses.
declare module 'conventional-changelog-conventionalcommits' {
  import type { ParserOptions } from 'conventional-commits-parser';
  import type { CommitKnownProps, Context, Options } from 'conventional-changelog-writer';

  export interface PresetConfig {
    commitUrlFormat?: string;
    compareUrlFormat?: string;
    issueUrlFormat?: string;
    userUrlFormat?: string;
  }
  export const DEFAULT_COMMIT_TYPES: readonly { type: string; section: string; hidden?: boolean }[];
  /** The writer's transform: synchronous, reading the commit and the context's host, owner and repository. */
  export type PresetTransform = (commit: CommitKnownProps, context: Context) => Partial<CommitKnownProps> | undefined;
  export default function createPreset(config?: PresetConfig): {
    parser: ParserOptions;
    writer: Options & { transform: PresetTransform };
  };
}

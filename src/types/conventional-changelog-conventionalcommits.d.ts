// The preset ships no types; this is the part of its API trunk-init uses.
declare module 'conventional-changelog-conventionalcommits' {
  import type { ParserOptions } from 'conventional-commits-parser';
  import type { Options } from 'conventional-changelog-writer';

  export interface PresetConfig {
    commitUrlFormat?: string;
    compareUrlFormat?: string;
    issueUrlFormat?: string;
    userUrlFormat?: string;
  }
  export const DEFAULT_COMMIT_TYPES: readonly { type: string; section: string; hidden?: boolean }[];
  export default function createPreset(config?: PresetConfig): { parser: ParserOptions; writer: Options };
}

// What a release or a promotion writes, as data: the files its release commit changes, the annotated tag and its
// notes, what the tag names, where it is pushed. adapters/git/release.ts applies a write all or nothing.
import type { Environment } from '../environments/model.js';
import { withRecord } from '../environments/override.js';
import { specOf } from '../environments/resolve.js';
import type { GitopsTool } from '../gitops/tool.js';
import { withSection } from '../notes/changelog.js';
import type { WriteKind } from '../../errors.js';

export interface ReleaseWrite {
  what: WriteKind;
  tag: string;
  notes: string;
  /**
   * The files the release commit changes (changelog, pointer manifests), each as its new content given the current
   * one (null when absent); none: tag `target` without a commit.
   */
  files: { file: string; content: (existing: string | null) => string }[];
  /** The commit to tag when there are no files; default HEAD. */
  target?: string;
  /** The commit the write was planned on: HEAD must still be it (another release or a pull may have moved it). */
  base?: string;
  /** release.sign: sign the tag (git's own tag.gpgSign also does). */
  sign: boolean;
  /** Push the tag, and the trunk with it when named, in one atomic push. */
  push: { remote: string; trunk: string | null } | null;
}

/** A `previous` environment the release moves: it now runs `tag`. */
export interface PointerMove {
  env: string;
  tag: string;
}

/** The moves as said after the release: "prod now runs v1.3.0". */
export const describeMoves = (moves: readonly PointerMove[]) =>
  moves.map((m) => `${m.env} now runs ${m.tag}`).join('; ');

export interface ReleaseWriteInput {
  head: string;
  tag: string;
  notes: string;
  /** changelog.file, or null for none. */
  changelog: string | null;
  /** The pointer manifests out of step once the release's tag exists (the `previous` environments'), with their content. */
  pointers: readonly { path: string; content: string }[];
  environments: readonly Environment[];
  trunk: string;
  /** Every tag once the release's exists, and the tool whose rules resolve them. */
  tags: readonly string[];
  tool: GitopsTool | null;
  sign: boolean;
  push: boolean;
  /** The record of the gates the release overrides, after the notes in the tag's message (none: no override). */
  record: readonly string[];
}

/**
 * A release: its notes as the changelog's newest section and the rewritten pointers in one release commit on
 * `head`, tagged (with the override record after the notes); pushed with the trunk when asked. `moves` says
 * where the `previous` environments now point.
 */
export function planReleaseWrite(input: ReleaseWriteInput): { write: ReleaseWrite; moves: PointerMove[] } {
  const { changelog, notes, tool } = input;
  const files = [
    ...(changelog ? [{ file: changelog, content: (existing: string | null) => withSection(existing, notes) }] : []),
    ...input.pointers.map((p) => ({ file: p.path, content: () => p.content })),
  ];
  const moves =
    input.pointers.length && tool
      ? input.environments.flatMap((env, i) => {
          const spec =
            env.track.kind === 'previous' && !env.pin
              ? specOf(input.environments, i, input.trunk, input.tags, tool)
              : null;
          return spec?.kind === 'exact' ? [{ env: env.name, tag: spec.value }] : [];
        })
      : [];
  const push = input.push ? { remote: 'origin', trunk: input.trunk } : null;
  return {
    write: {
      what: { kind: 'release' },
      tag: input.tag,
      notes: withRecord(notes, input.record),
      files,
      base: input.head,
      sign: input.sign,
      push,
    },
    moves,
  };
}

/**
 * A tag on an existing commit, without a release commit: a promotion's on `target` (pushed alone), or the tag an
 * interrupted release lacks on HEAD (pushed with the trunk, whose tip is that release commit).
 */
export function planTagWrite(
  what: Exclude<WriteKind, { kind: 'release' }>,
  tag: string,
  notes: string,
  options: { target?: string; trunk: string; sign: boolean; push: boolean },
): ReleaseWrite {
  const trunk = what.kind === 'completion' ? options.trunk : null;
  return {
    what,
    tag,
    notes,
    files: [],
    target: options.target,
    sign: options.sign,
    push: options.push ? { remote: 'origin', trunk } : null,
  };
}

// What trunk knows of a forge: how its CI says which pull/merge request a job runs for, how a refusal is shown on
// the request, and the CI files and forge rules `trunk-init --ci <id>` writes (filled in from templates/ci/<id>/,
// which is data). One file a forge in this directory, one line each in registry.ts. The forge of origin that release
// notes link to is another notion, with its own table: core/notes/forge.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../../core/verdict.js';

/** The request `trunk check` judges. */
export interface PullRequestRefs {
  /** Revision the request merges into (judged by the policy committed there). */
  base: string;
  head: string;
  source: string | null;
  /** The branch it merges into; null outside CI: the trunk named by the config committed at `base`. */
  target: string | null;
  title: string | null;
  /** The message of the merge commit the forge would make; null outside CI (git merge's own, on the trunk). */
  mergeMessage: string | null;
}

/** `trunk check`'s flags, which win over what the CI's environment says. */
export interface CheckFlags {
  base?: string;
  head?: string;
  branch?: string;
  title?: string;
}

/** What the CI files are written for. */
export interface CiOptions {
  trunk: string;
  tagPrefix: string;
  /** The config has gitops.tool: each request also has its manifests compared with its config. */
  manifests: boolean;
  /** The environments promoted by hand (a stable one fed by candidates). */
  promotable: string[];
}

export interface CiFile {
  path: string;
  text: string;
  /** It carries trunk-init's "Managed by trunk-init" line, so trunk-init updates it; else (a ruleset) it is kept once it differs, unless --force. */
  managed: boolean;
}

export interface Forge {
  /** The name `--ci` takes. */
  id: string;
  /** Its CI, as people name it: "GitHub Actions". */
  ci: string;
  /** This process runs in the forge's CI. */
  runsIn(env: NodeJS.ProcessEnv): boolean;
  /** The forge's user the CI job runs for (recorded with an override of a promotion gate), or null. */
  actor(env: NodeJS.ProcessEnv): string | null;
  /** The request a pull/merge request pipeline of the forge runs for, with `flags` first; null in any other job. */
  pullRequest(flags: CheckFlags, env: NodeJS.ProcessEnv): PullRequestRefs | null;
  /** Lines that show each refusal on the request when printed in its CI (GitHub's ::error); none where the CI has no such format. */
  annotations(verdict: Verdict): string[];
  /** The CI files and forge rules `trunk-init --ci` writes. */
  ciFiles(options: CiOptions): CiFile[];
  /** The one of those files whose job cuts the release on the trunk (it runs `trunk release --push`). */
  releasingCi: string;
}

/**
 * The tag name prefixes Argo CD and Flux would read as versions (a digit, optionally after v or V), and the configured
 * release prefix: whoever may create these chooses what a version range deploys.
 */
export function versionTagPrefixes(tagPrefix: string): string[] {
  return ['v', 'V', '', ...(['', 'v', 'V'].includes(tagPrefix) ? [] : [tagPrefix])];
}

/** templates/ci/<path> for this trunk. */
export function ciTemplate(path: string, trunk: string): string {
  return readFileSync(join(import.meta.dirname, '../templates/ci', path), 'utf8').replaceAll('__TRUNK__', trunk);
}

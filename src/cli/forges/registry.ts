// The forges trunk-init writes CI files for and reads pull/merge requests from: one line a forge, in the order their
// CI environments are tried.
import type { CheckFlags, Forge, PullRequestRefs } from './forge.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';

export const FORGES: readonly Forge[] = [github, gitlab];

export const findForge = (id: string): Forge | undefined => FORGES.find((forge) => forge.id === id);

/** The forge whose CI this process runs in, or undefined. */
export const ciForge = (env: NodeJS.ProcessEnv): Forge | undefined => FORGES.find((forge) => forge.runsIn(env));

/**
 * The request `trunk check` judges in CI, from the flags and the CI's environment; null outside a pull/merge request
 * pipeline, where the command judges the current branch against the trunk the base's committed config names.
 */
export function pullRequestFromCi(flags: CheckFlags, env: NodeJS.ProcessEnv): PullRequestRefs | null {
  for (const forge of FORGES) {
    const request = forge.pullRequest(flags, env);
    if (request) return request;
  }
  return null;
}

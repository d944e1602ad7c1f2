// Which pull/merge request `trunk check` judges in CI: flags first, then the CI's environment (GitHub Actions,
// GitLab CI). Outside a pull request pipeline the command judges the current branch against the trunk that the
// base's committed config names (commands/check.ts).
import { readFileSync } from 'node:fs';

export interface PullRequestRefs {
  /** Revision the request merges into (judged by the policy committed there). */
  base: string;
  head: string;
  source: string | null;
  /** The branch it merges into; null outside CI: the trunk named by the config committed at `base`. */
  target: string | null;
  title: string | null;
  /** Running under GitHub Actions: problems are also printed as ::error annotations. */
  github: boolean;
}

export interface CheckFlags {
  base?: string;
  head?: string;
  branch?: string;
  title?: string;
}

function githubEvent(env: NodeJS.ProcessEnv): { title?: string; base?: string; head?: string } {
  try {
    const pr = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')).pull_request ?? {};
    return { title: pr.title, base: pr.base?.sha, head: pr.head?.sha };
  } catch {
    return {};
  }
}

/** The request from flags and the CI's environment, or null outside a pull/merge request pipeline. */
export function pullRequestFromCi(flags: CheckFlags, env: NodeJS.ProcessEnv): PullRequestRefs | null {
  const github = env.GITHUB_ACTIONS === 'true';
  if (github && env.GITHUB_BASE_REF) {
    const event = githubEvent(env);
    return {
      base: flags.base ?? event.base ?? `origin/${env.GITHUB_BASE_REF}`,
      head: flags.head ?? event.head ?? 'HEAD',
      source: flags.branch ?? env.GITHUB_HEAD_REF ?? null,
      target: env.GITHUB_BASE_REF,
      title: flags.title ?? event.title ?? null,
      github,
    };
  }
  if (env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME) {
    const target = env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
    return {
      base: flags.base ?? env.CI_MERGE_REQUEST_DIFF_BASE_SHA ?? `origin/${target}`,
      // In a merged results pipeline CI_COMMIT_SHA is GitLab's merge of the two; the source's own tip is judged.
      head: flags.head ?? (env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA || env.CI_COMMIT_SHA || 'HEAD'),
      source: flags.branch ?? env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ?? null,
      target,
      title: flags.title ?? env.CI_MERGE_REQUEST_TITLE ?? null,
      github,
    };
  }
  return null;
}

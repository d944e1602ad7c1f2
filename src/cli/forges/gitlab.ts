// GitLab: the merge request from GitLab CI's predefined variables, and one .gitlab-ci.yml (the check on merge
// requests, the release on the trunk, the manifests check, promotion) whose comments give the protected branch and
// tag settings to apply once with glab.
import { gitlabMergeMessage } from '../../core/commits/merge-message.js';
import {
  ciTemplate,
  versionTagPrefixes,
  type CheckFlags,
  type CiFile,
  type CiOptions,
  type Forge,
  type PullRequestRefs,
} from './forge.js';

function pullRequest(flags: CheckFlags, env: NodeJS.ProcessEnv): PullRequestRefs | null {
  const target = env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  if (!target) return null;
  const source = flags.branch ?? env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ?? null;
  const title = flags.title ?? env.CI_MERGE_REQUEST_TITLE ?? null;
  const { CI_MERGE_REQUEST_PROJECT_PATH: project, CI_MERGE_REQUEST_IID: iid } = env;
  return {
    // The target's tip (merged results pipelines only; the job fetches it otherwise), else where the source diverged.
    base:
      flags.base ??
      (env.CI_MERGE_REQUEST_TARGET_BRANCH_SHA || env.CI_MERGE_REQUEST_DIFF_BASE_SHA || `origin/${target}`),
    // In a merged results pipeline CI_COMMIT_SHA is GitLab's merge of the two; the source's own tip is judged.
    head: flags.head ?? (env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA || env.CI_COMMIT_SHA || 'HEAD'),
    source,
    target,
    title,
    mergeMessage: source && project && iid ? gitlabMergeMessage(source, target, title, `${project}!${iid}`) : null,
  };
}

/** Protected tag names for the version tags, shell-quoted: GitLab's wildcards know only `*`, so a digit is spelled 0* ... 9*. */
const tagPatterns = (tagPrefix: string) =>
  versionTagPrefixes(tagPrefix).flatMap((p) => (p ? [`'${p}*'`] : [...'0123456789'].map((d) => `'${d}*'`)));

function ciFiles({ trunk, tagPrefix, manifests, promotable }: CiOptions): CiFile[] {
  const fill = (name: string) =>
    ciTemplate(`gitlab/${name}`, trunk).replaceAll('__GITLAB_TAG_PATTERNS__', tagPatterns(tagPrefix).join(' '));
  const promote = promotable.map((env) => fill('trunk-promote.yml').replaceAll('__ENV__', env)).join('');
  return [
    {
      path: '.gitlab-ci.yml',
      text: fill('gitlab-ci.yml') + (manifests ? fill('trunk-manifests.yml') : '') + promote,
      managed: true,
    },
  ];
}

export const gitlab: Forge = {
  id: 'gitlab',
  ci: 'GitLab CI',
  runsIn: (env) => env.GITLAB_CI === 'true',
  // Who started the pipeline, or the manual job.
  actor: (env) => env.GITLAB_USER_LOGIN || null,
  pullRequest,
  // A GitLab job has no workflow commands: its log and the pipeline's status show the problems.
  annotations: () => [],
  ciFiles,
  releasingCi: '.gitlab-ci.yml',
};

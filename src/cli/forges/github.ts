// GitHub: the pull request from GitHub Actions' environment and event file, ::error annotations, Actions workflows
// (the check on pull_request_target, the release on the trunk, the manifests check, promotion) and the repository
// rulesets for the trunk and the release tags (`trunk doctor --forge` compares the live ones with them).
import { readFileSync } from 'node:fs';
import { githubMergeMessage } from '../../core/commits/merge-message.js';
import type { Verdict } from '../../core/verdict.js';
import {
  ciTemplate,
  versionTagPrefixes,
  type CheckFlags,
  type CiFile,
  type CiOptions,
  type Forge,
  type PullRequestRefs,
} from './forge.js';

interface GithubEvent {
  title?: string;
  base?: string;
  head?: string;
  number?: number;
  /** The head's "owner:branch" (a fork's owner for a pull request from a fork). */
  label?: string;
}

function githubEvent(env: NodeJS.ProcessEnv): GithubEvent {
  try {
    const pr = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')).pull_request ?? {};
    return { title: pr.title, base: pr.base?.sha, head: pr.head?.sha, number: pr.number, label: pr.head?.label };
  } catch {
    return {};
  }
}

function pullRequest(flags: CheckFlags, env: NodeJS.ProcessEnv): PullRequestRefs | null {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_BASE_REF) return null;
  const event = githubEvent(env);
  const source = flags.branch ?? env.GITHUB_HEAD_REF ?? null;
  const title = flags.title ?? event.title ?? null;
  const owner = event.label?.split(':')[0] ?? env.GITHUB_REPOSITORY_OWNER;
  return {
    base: flags.base ?? event.base ?? `origin/${env.GITHUB_BASE_REF}`,
    head: flags.head ?? event.head ?? 'HEAD',
    source,
    target: env.GITHUB_BASE_REF,
    title,
    mergeMessage:
      typeof event.number === 'number' && owner && source
        ? githubMergeMessage(event.number, owner, source, title)
        : null,
  };
}

/** Workflow commands, so each problem shows on the pull request. */
function annotations(verdict: Verdict): string[] {
  const escape = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  return verdict.refusals.flatMap((r) =>
    r.details?.length
      ? r.details.map((d) => `::error title=trunk check: ${r.rule}::${escape(d)}`)
      : [`::error title=trunk check: ${r.rule}::${escape(`${r.reason} Fix: ${r.fix.join('; ')}`)}`],
  );
}

/** Ruleset patterns (fnmatch) for the version tags: refs/tags/v[0-9]*, ... */
const tagPatterns = (tagPrefix: string) => versionTagPrefixes(tagPrefix).map((p) => `refs/tags/${p}[0-9]*`);

/** The rulesets trunk-init writes: where, and their text. */
export const githubRulesets = (trunk: string, tagPrefix: string): CiFile[] =>
  [
    ['trunk.json', 'ruleset-trunk.json'],
    ['release-tags.json', 'ruleset-release-tags.json'],
  ].map(([file, template]) => ({
    path: `.github/rulesets/${file}`,
    text: ciTemplate(`github/${template}`, trunk).replaceAll(
      '__VERSION_TAG_PATTERNS__',
      JSON.stringify(tagPatterns(tagPrefix)),
    ),
    managed: false,
  }));

function ciFiles({ trunk, tagPrefix, manifests, promotable }: CiOptions): CiFile[] {
  const workflow = (name: string, text = ciTemplate(`github/${name}`, trunk)): CiFile => ({
    path: `.github/workflows/${name}`,
    text,
    managed: true,
  });
  return [
    workflow('trunk-check.yml'),
    ...(manifests ? [workflow('trunk-manifests.yml')] : []),
    workflow('trunk-release.yml'),
    ...(promotable.length
      ? [
          workflow(
            'trunk-promote.yml',
            ciTemplate('github/trunk-promote.yml', trunk).replace('__PROMOTABLE__', promotable.join(', ')),
          ),
        ]
      : []),
    ...githubRulesets(trunk, tagPrefix),
  ];
}

export const github: Forge = {
  id: 'github',
  ci: 'GitHub Actions',
  runsIn: (env) => env.GITHUB_ACTIONS === 'true',
  // Who triggered the run (the dispatcher of a workflow_dispatch).
  actor: (env) => env.GITHUB_ACTOR || null,
  pullRequest,
  annotations,
  ciFiles,
  releasingCi: '.github/workflows/trunk-release.yml',
};

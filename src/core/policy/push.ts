// The push rules, one table for the client's pre-push hook (advice) and the server's pre-receive hook
// (enforcement): what may happen to the trunk, to other branches, to tags that GitOps tools deploy, and to refs
// in other namespaces. docs/security.md lists the attack each rule holds and the test that shows it.
import { describeFailures, type CommitFailure } from '../commits/lint.js';
import { describeGate, type EnvGates } from '../environments/gates.js';
import { mergedBranchOf } from '../commits/merge-message.js';
import { collect, refuse, refuseEach, type Finding, type Refusal, type Verdict } from '../verdict.js';
import { isGuardedTag, parseTag } from '../versioning/tag.js';
import { exampleBranch, matchBranch, quoted, refuseBranchName } from './branch-pattern.js';
import type { Policy } from './policy.js';

/** A commit on the trunk's first-parent line that the receiving side does not have yet. */
export interface TrunkCommit {
  sha: string;
  subject: string;
  parents: number;
  /** Non-first parents that bring in nothing the first parent does not already have. */
  emptyParents: string[];
  /** Reachable from a judged branch matching `branches` (a fast-forward merge; for a merge: every merged parent). */
  fromBranch: boolean;
  /**
   * A commit whose message claims to be a release: the tag it names, whether that tag points at it, what it changes,
   * and the pointer manifests it writes that are not what trunk-init generates for its config and tag.
   */
  release: { tag: string; tagged: boolean; changed: string[]; foreignPointers: string[] } | null;
}

export type PushedRef =
  | {
      kind: 'trunk';
      name: string;
      deleted: boolean;
      /** The receiving side has no trunk yet: this push imports its history, as it is. */
      created: boolean;
      /** The old tip is an ancestor of the new one. */
      forward: boolean;
      /** The new tip's first-parent line passes through the old tip. */
      linear: boolean;
      commits: TrunkCommit[];
    }
  | { kind: 'branch'; name: string; deleted: boolean }
  | {
      kind: 'tag';
      name: string;
      deleted: boolean;
      /** The receiving side already has this tag at another object. */
      moved: boolean;
      /** What the tag points at once peeled. */
      target: 'commit' | 'other';
      /** On the trunk's first-parent line (as it is after the push). */
      onTrunk: boolean;
      sha: string;
      /** An existing release tag whose version is not lower than this one's, or null. */
      notNewer: string | null;
      /** The latest release on the trunk, when this tag's commit comes before it on the trunk, or null. */
      behind: string | null;
      /**
       * The environments with a closed freeze window this push moves to the tag's commit (the tag is what each
       * then runs), and whether the tag's message records the override of each.
       */
      frozen: (EnvGates & { recorded: boolean })[];
    }
  /** A ref outside refs/heads and refs/tags (refs/notes, refs/pull, refs/remotes, …). */
  | { kind: 'other'; name: string; deleted: boolean };

export interface PushFacts {
  /** The server (pre-receive) also refuses branch names outside `branches`. */
  side: 'client' | 'server';
  refs: PushedRef[];
}

const short = (sha: string) => sha.slice(0, 7);

/** At most this many offending commits are listed one by one (a push may hold 50,000), then how many more. */
const LISTED = 50;
function listed<T>(items: readonly T[], line: (items: readonly T[]) => string[]): string[] {
  return [...line(items.slice(0, LISTED)), ...(items.length > LISTED ? [`and ${items.length - LISTED} more`] : [])];
}
/** The paths a release commit may change: the changelog, and the pointer manifests when a `previous` environment moves. */
export function releasePaths(policy: Policy): { files: string[]; dirs: string[] } {
  const pointers = policy.gitops.tool && policy.environments.some((e) => e.track.kind === 'previous');
  return {
    files: policy.changelog.file ? [policy.changelog.file] : [],
    dirs: pointers ? [`${policy.gitops.output}/${policy.gitops.tool}/`] : [],
  };
}

/** Why a commit claiming to be a release is not one (the empty list: it is exactly what `trunk release` writes). */
export function forgedRelease(commit: TrunkCommit, policy: Policy): string[] {
  const release = commit.release;
  if (!release) return [];
  const { files, dirs } = releasePaths(policy);
  const stray = release.changed.filter((path) => !files.includes(path) && !dirs.some((dir) => path.startsWith(dir)));
  return [
    ...(commit.parents !== 1 ? [`has ${commit.parents} parents`] : []),
    ...(parseTag(release.tag, policy.tagPrefix) === null
      ? [`names ${release.tag}, not a ${policy.tagPrefix}X.Y.Z version`]
      : []),
    ...(!release.tagged ? [`its tag ${release.tag} is neither pushed with it nor on it`] : []),
    ...(release.foreignPointers.length
      ? [`writes ${release.foreignPointers.join(', ')} with content trunk-init would not generate for ${release.tag}`]
      : []),
    ...(stray.length
      ? [
          `changes ${stray.slice(0, 3).join(', ')}${stray.length > 3 ? ` and ${stray.length - 3} more` : ''}, not only ${[...files, ...dirs].join(' and ') || 'nothing (changelog.file is false)'}`,
        ]
      : []),
  ];
}

/** Why a first-parent trunk commit is a direct commit, or null when it reached the trunk through a branch or a release. */
function directReason(c: TrunkCommit, policy: Policy): string | null {
  if (c.parents === 0) return 'a root commit: it starts a new history';
  // A commit claiming to be a release is judged as one wherever it comes from: a branch cannot launder a forgery.
  if (c.release) {
    const problems = forgedRelease(c, policy);
    if (problems.length === 0) return null;
    if (c.parents === 1) return `claims to be release ${c.release.tag}, but ${problems.join('; ')}`;
  }
  if (c.parents > 1)
    return c.emptyParents.length
      ? `a merge that brings in nothing new (${c.emptyParents.map(short).join(', ')} already on ${policy.trunk})`
      : null;
  return c.fromBranch ? null : '';
}

function checkTrunk(ref: Extract<PushedRef, { kind: 'trunk' }>, policy: Policy, remote: string): Finding[] {
  const { trunk } = policy;
  if (ref.deleted)
    return [
      refuse(
        'delete-trunk',
        `Deleting ${trunk} on ${remote} is not allowed: it is the trunk every environment builds from.`,
        `push without deleting it; if you meant another branch, name it: git push ${remote} --delete <branch>`,
      ),
    ];
  if (ref.created) return [];
  if (!ref.forward)
    return [
      refuse(
        'trunk-rewrite',
        `Rewriting ${trunk} on ${remote} is not allowed: the push replaces commits that are on it (a force-push or a rewind), and environments may run them.`,
        `build on ${remote}'s ${trunk} instead: git pull --rebase ${remote} ${trunk}, then push without --force`,
      ),
    ];
  if (!ref.linear)
    return [
      refuse(
        'trunk-first-parent',
        `The new ${trunk} does not build on the old one: its first-parent line does not pass through ${remote}'s tip, so the push swaps the trunk's history for another.`,
        `merge the branch into ${trunk}, not ${trunk} into the branch: git switch ${trunk} && git merge --no-ff feature/<name>`,
      ),
    ];
  if (!policy.protectTrunk) return [];
  const findings: Finding[] = [];
  const direct = ref.commits
    .map((c) => ({ c, why: directReason(c, policy) }))
    .filter((d): d is { c: TrunkCommit; why: string } => d.why !== null);
  if (direct.length) {
    findings.push(
      refuseEach(
        'direct-commit',
        `Pushing ${direct.length} commit${direct.length > 1 ? 's' : ''} made directly on ${trunk} is not allowed: changes reach ${trunk} through merged branches.`,
        listed(direct, (some) => some.map(({ c, why }) => `${short(c.sha)} ${c.subject}${why ? ` (${why})` : ''}`)),
        `move them to a branch (nothing is lost): git branch feature/<name> && git reset --keep ${remote}/${trunk}`,
        `then push the branch and open a pull request: git push -u ${remote} feature/<name>`,
      ),
    );
  }
  // A merge of a branch the server holds (or that comes with the push) shows its source; otherwise its subject must
  // name an allowed branch, as git, GitLab, Gitea and GitHub write it.
  const strays = ref.commits
    .filter((c) => c.parents > 1 && c.emptyParents.length === 0 && !c.fromBranch)
    .map((c) => ({ c, merged: mergedBranchOf(c.subject) }))
    .filter(({ merged }) => !(merged && matchBranch(merged, policy.branches)));
  if (strays.length)
    findings.push(
      refuseEach(
        'merge-source',
        `Pushing ${strays.length} merge${strays.length > 1 ? 's' : ''} into ${trunk} of no branch matching ${quoted(policy.branches)} (setting "branches") is not allowed.`,
        listed(strays, (some) =>
          some.map(({ c, merged }) => `${short(c.sha)} ${c.subject}${merged ? ` (merges "${merged}")` : ''}`),
        ),
        `merge a branch with an allowed name, pushed with the merge: git push --atomic ${remote} ${exampleBranch(policy)} ${trunk}`,
      ),
    );
  return findings;
}

function checkTag(ref: Extract<PushedRef, { kind: 'tag' }>, policy: Policy, remote: string): Finding | null {
  const { trunk, tagPrefix } = policy;
  // Argo CD and Flux take a revision by its short name: a tag named like the trunk or HEAD could stand in for it.
  if (!ref.deleted && (ref.name === trunk || ref.name === 'HEAD' || /^(refs|heads|tags|remotes)\//.test(ref.name)))
    return refuse(
      'tag-name',
      `Tag ${ref.name} may not be created: a GitOps tool asked for "${ref.name.replace(/^refs\/(heads|tags)\//, '')}" could take it for the branch or ref of that name.`,
      `pick another name: git tag -d ${ref.name}`,
    );
  if (!isGuardedTag(ref.name, tagPrefix)) return null;
  if (ref.deleted)
    return refuse(
      'delete-tag',
      `Deleting release tag ${ref.name} on ${remote} is not allowed: environments deploy release tags, so they never change.`,
      `release a new version instead; to undo a local deletion: git fetch ${remote} tag ${ref.name}`,
    );
  if (ref.moved)
    return refuse(
      'move-tag',
      `Moving release tag ${ref.name} on ${remote} is not allowed: environments deploy release tags, so they never change.`,
      `restore your local tag from ${remote}: git fetch --force ${remote} tag ${ref.name}`,
      'then release a new version for the new commit',
    );
  if (parseTag(ref.name, tagPrefix) === null)
    return refuse(
      'tag-format',
      `Tag ${ref.name} looks like a release but is not "${tagPrefix}" followed by a semver version (e.g. ${tagPrefix}1.4.0, setting "tagPrefix"): Argo CD and Flux read such tags as versions, so it could deploy or break every range.`,
      `delete it locally and tag again: git tag -d ${ref.name}`,
    );
  if (ref.target !== 'commit')
    return refuse(
      'tag-target',
      `Release tag ${ref.name} points at ${short(ref.sha)}, which is not a commit.`,
      `delete it locally and tag a commit on ${trunk}: git tag -d ${ref.name}`,
    );
  if (!ref.onTrunk)
    return refuse(
      'tag-off-trunk',
      `Release tag ${ref.name} points at ${short(ref.sha)}, which is not on ${trunk}'s first-parent line: releases are cut from ${trunk} only.`,
      `delete it locally, merge the work into ${trunk}, then release there: git tag -d ${ref.name} && npx trunk release`,
    );
  if (ref.notNewer)
    return refuse(
      'tag-not-newer',
      `Release tag ${ref.name} is not newer than ${ref.notNewer}: a release is a version greater than every release before it.`,
      `delete it locally and let trunk release compute the next version: git tag -d ${ref.name} && npx trunk release`,
    );
  if (ref.behind)
    return refuse(
      'tag-behind',
      `Release tag ${ref.name} points at ${short(ref.sha)}, which comes before ${ref.behind} on ${trunk}: a newer version on older code would roll environments back.`,
      `delete it locally and release from ${trunk}'s tip: git tag -d ${ref.name} && npx trunk release`,
    );
  const held = ref.frozen.filter((f) => !f.recorded);
  if (held.length)
    return refuseEach(
      'tag-frozen',
      `Release tag ${ref.name} moves ${held.map((f) => f.env).join(' and ')} inside a freeze window, and its message records no override.`,
      held.flatMap(({ env, report }) =>
        report.gates.filter((g) => !g.open).map((g) => `${env} ${describeGate(g, report.zone)}`),
      ),
      `wait until it reopens and push again; or delete the tag locally (git tag -d ${ref.name}) and make it again with the override recorded: npx trunk release --force --reason "…" (a promotion: npx trunk env promote <env> --force --reason "…")`,
    );
  return null;
}

function checkRef(ref: PushedRef, facts: PushFacts, policy: Policy, remote: string): Finding[] {
  switch (ref.kind) {
    case 'trunk':
      return checkTrunk(ref, policy, remote);
    case 'tag':
      // The push that creates the trunk imports a history as it is (an empty server: nothing to protect yet), tags too.
      if (!ref.deleted && facts.refs.some((r) => r.kind === 'trunk' && r.created)) return [];
      return [checkTag(ref, policy, remote)].filter((f): f is Finding => f !== null);
    case 'branch':
      return facts.side === 'server' && !ref.deleted
        ? [
            refuseBranchName(
              ref.name,
              policy,
              'may not be created or updated here',
              `push it under an allowed name: git push ${remote} ${ref.name}:${exampleBranch(policy)}`,
            ),
          ].filter((f): f is Finding => f !== null)
        : [];
    case 'other':
      // Deleting can only remove what is there; creating or moving a ref the policy does not name is refused.
      return !ref.deleted && !matchBranch(ref.name, policy.serverRefs)
        ? [
            refuse(
              'ref-namespace',
              `${ref.name} may not be created or updated: only branches and tags are pushed here, and the refs the policy names (setting "serverRefs": ${policy.serverRefs.length ? quoted(policy.serverRefs) : 'none'}).`,
              `push a branch instead: git push ${remote} <commit>:refs/heads/${exampleBranch(policy)}`,
            ),
          ]
        : [];
  }
}

/** Decides whether a push may go ahead, given facts about each pushed ref; every problem is reported. */
export function checkPush(facts: PushFacts, policy: Policy, remote: string): Verdict {
  return collect(facts.refs.flatMap((ref) => checkRef(ref, facts, policy, remote)).map((finding) => () => finding));
}

/** The refusal for pushed commits whose messages fail the lint, or null when there are none. */
export function refuseMessages(failures: readonly CommitFailure[], policy: Policy, remote: string): Refusal | null {
  if (failures.length === 0) return null;
  return {
    rule: 'commit-message',
    reason:
      failures.length === 1
        ? '1 commit has a message that is not a Conventional Commit:'
        : `${failures.length} commits have messages that are not Conventional Commits:`,
    details: listed(failures, describeFailures),
    fix: [`reword them (mark each "reword"): git rebase -i ${remote}/${policy.trunk}`],
  };
}

/**
 * The refusal for a push whose ref lines never reached the hook (`why`: who dropped them) while this clone holds
 * commits `remote` does not have: the push may carry them, and nothing of it can be judged. With no such commits the
 * push is let through: git runs pre-push with no lines when everything is up to date.
 */
export function refuseUnseenPush(remote: string, why: string, fix: string, refs: readonly string[]): Refusal {
  return {
    rule: 'push-unseen',
    reason: `${why}; trunk cannot see what this push sends to ${remote}, and these refs hold commits ${remote} does not have (by its remote-tracking refs):`,
    details: listed(refs, (shown) => [...shown]),
    fix: [fix],
  };
}

/**
 * The server judges by the policy committed on its default branch (HEAD), which must be the trunk: when HEAD names a
 * branch that does not exist, only the push that creates it in an empty repository (the first import) goes ahead.
 */
export function checkServerHead(
  head: string,
  server: { branches: string[]; creates: boolean; configuredTrunk: string | null },
  gitDir: string,
): Refusal | null {
  const branch = head.startsWith('refs/heads/') ? head.slice('refs/heads/'.length) : null;
  const fix = `point HEAD at the trunk: git --git-dir=${gitDir} symbolic-ref HEAD refs/heads/<trunk>   (or: npx trunk server install ${gitDir} --trunk <trunk>)`;
  if (branch === null)
    return {
      rule: 'server-head',
      reason: `The server's HEAD (${head || 'detached'}) names no branch, so it has no trunk to judge this push by; nothing was changed.`,
      fix: [fix],
    };
  if (server.configuredTrunk !== null && server.configuredTrunk !== branch)
    return {
      rule: 'server-head',
      reason: `The server's HEAD is ${branch}, but the policy committed there names "${server.configuredTrunk}" as the trunk (setting "trunk"); nothing was changed.`,
      fix: [fix.replace('<trunk>', server.configuredTrunk)],
    };
  if (server.branches.includes(branch) || (server.branches.length === 0 && server.creates)) return null;
  if (server.branches.length === 0)
    return {
      rule: 'server-head',
      reason: `This repository is empty: its first push must create ${branch}, the trunk every later push is judged by; nothing was changed.`,
      fix: [`push the trunk first: git push origin ${branch}`],
    };
  const known = server.branches.length ? ` (it has ${server.branches.slice(0, 5).join(', ')})` : '';
  return {
    rule: 'server-head',
    reason: `The server's HEAD names ${branch}, which does not exist here${known}, so the committed policy cannot be read; nothing was changed.`,
    fix: [fix],
  };
}

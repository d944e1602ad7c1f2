// The pre-push checks: what may be pushed to the trunk and to release tags.
import { describeFailures, type CommitFailure } from '../commits/lint.js';
import { collect, refuse, type Finding, type Refusal, type Verdict } from '../verdict.js';
import { isReleaseLooking, parseTag } from '../versioning/tag.js';
import type { Policy } from './policy.js';

/** A commit on the trunk's first-parent line that the remote does not have yet. */
export interface TrunkCommit {
  sha: string;
  subject: string;
  parents: number;
  /** A release commit whose tag points at it. */
  release: boolean;
  /** Reachable from a local or remote-tracking branch matching the policy (a fast-forward merge). */
  fromBranch: boolean;
}

export type PushedRef =
  | { kind: 'branch'; name: string; deleted: boolean; trunkCommits: TrunkCommit[] }
  | {
      kind: 'tag';
      name: string;
      deleted: boolean;
      /** The remote already has this tag at another object. */
      moved: boolean;
      /** What the tag points at once peeled. */
      target: 'commit' | 'other';
      onTrunk: boolean;
      sha: string;
    };

const short = (sha: string) => sha.slice(0, 7);

function checkBranch(ref: Extract<PushedRef, { kind: 'branch' }>, policy: Policy, remote: string): Finding | null {
  if (ref.name !== policy.trunk) return null;
  if (ref.deleted)
    return refuse('delete-trunk', `Deleting ${policy.trunk} on ${remote} is not allowed: it is the trunk every environment builds from.`, `push without deleting it; if you meant another branch, name it: git push ${remote} --delete <branch>`);
  if (!policy.protectTrunk) return null;
  const direct = ref.trunkCommits.filter((c) => c.parents === 1 && !c.release && !c.fromBranch);
  if (direct.length === 0) return null;
  const list = direct.map((c) => `${short(c.sha)} ${c.subject}`).join('; ');
  return refuse(
    'direct-commit',
    `Pushing ${direct.length} commit${direct.length > 1 ? 's' : ''} made directly on ${policy.trunk} is not allowed (${list}): changes reach ${policy.trunk} through merged branches.`,
    `move them to a branch (nothing is lost): git branch feature/<name> && git reset --keep ${remote}/${policy.trunk}`,
    `then push the branch and open a pull request: git push -u ${remote} feature/<name>`,
  );
}

function checkTag(ref: Extract<PushedRef, { kind: 'tag' }>, policy: Policy, remote: string): Finding | null {
  if (!isReleaseLooking(ref.name, policy.tagPrefix)) return null;
  if (ref.deleted)
    return refuse('delete-tag', `Deleting release tag ${ref.name} on ${remote} is not allowed: environments deploy release tags, so they never change.`, `release a new version instead; to undo a local deletion: git fetch ${remote} tag ${ref.name}`);
  if (ref.moved)
    return refuse('move-tag', `Moving release tag ${ref.name} on ${remote} is not allowed: environments deploy release tags, so they never change.`, `restore your local tag from ${remote}: git fetch --force ${remote} tag ${ref.name}`, 'then release a new version for the new commit');
  if (parseTag(ref.name, policy.tagPrefix) === null)
    return refuse('tag-format', `Tag ${ref.name} looks like a release but is not "${policy.tagPrefix}" followed by a semver version (e.g. ${policy.tagPrefix}1.4.0, setting "tagPrefix").`, `delete it locally and tag again: git tag -d ${ref.name}`);
  if (ref.target !== 'commit')
    return refuse('tag-target', `Release tag ${ref.name} points at ${short(ref.sha)}, which is not a commit.`, `delete it locally and tag a commit on ${policy.trunk}: git tag -d ${ref.name}`);
  if (!ref.onTrunk)
    return refuse('tag-off-trunk', `Release tag ${ref.name} points at ${short(ref.sha)}, which is not on ${policy.trunk}: releases are cut from ${policy.trunk} only.`, `delete it locally, merge the work into ${policy.trunk}, then tag there: git tag -d ${ref.name}`);
  return null;
}

/** Decides whether a push may go ahead, given facts about each pushed ref. */
export function checkPush(refs: readonly PushedRef[], policy: Policy, remote: string): Verdict {
  return collect(refs.map((ref) => () => (ref.kind === 'branch' ? checkBranch(ref, policy, remote) : checkTag(ref, policy, remote))));
}

/** The refusal for pushed commits whose messages fail the lint, or null when there are none. */
export function refuseMessages(failures: readonly CommitFailure[], policy: Policy, remote: string): Refusal | null {
  if (failures.length === 0) return null;
  return {
    rule: 'commit-message',
    reason: failures.length === 1 ? '1 commit has a message that is not a Conventional Commit:' : `${failures.length} commits have messages that are not Conventional Commits:`,
    details: describeFailures(failures),
    fix: [`reword them (mark each "reword"): git rebase -i ${remote}/${policy.trunk}`],
  };
}

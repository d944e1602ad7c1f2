// `trunk hook post-merge`: after a merge into the trunk, cut the release it calls for (release.onMerge).
// A post-merge hook cannot undo the merge: on failure it says what went wrong and how to release by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '../../adapters/config/load.js';
import { openRepo } from '../../adapters/git/repo.js';
import { currentBranch } from '../../adapters/git/state.js';
import { describeMoves } from '../../core/versioning/release-write.js';
import { Exit, errors } from '../../errors.js';
import { closed } from '../../flows/gates.js';
import { cutRelease, decideMergeRelease } from '../../flows/release.js';
import { FORGES } from '../forges/registry.js';
import type { Command } from '../main.js';
import { releaseHeld } from '../gates.js';
import { formatError } from '../report.js';
import { VERSION } from '../version.js';

/** The CI file in this work tree that cuts releases (it runs `trunk release --push`), or null. */
function releasingCi(root: string): string | null {
  const releases = (file: string) => {
    try {
      return readFileSync(join(root, file), 'utf8').includes('trunk release --push');
    } catch {
      return false;
    }
  };
  return FORGES.map((forge) => forge.releasingCi).find(releases) ?? null;
}

export const run: Command = async (_args, io) => {
  const repo = await openRepo(io.cwd);
  const loaded = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const { policy } = loaded;
  if (currentBranch(repo.gitDir) !== policy.trunk || policy.release.onMerge === 'off') return Exit.Ok;
  try {
    const decision = await decideMergeRelease(repo, loaded, {
      write: policy.release.onMerge === 'tag',
      epoch: io.env.SOURCE_DATE_EPOCH,
    });
    if (decision.kind === 'released') {
      // After a pull this is most likely a release made upstream whose tag was not fetched: say so, change nothing.
      if (decision.interrupted)
        io.err(
          `trunk: HEAD is the release commit of ${decision.interrupted}, but that tag is not here: fetch it (git fetch --tags), or, if a release was interrupted here, complete it with: npx trunk release`,
        );
      return Exit.Ok; // a pull that brought in a release already made upstream
    }
    const { facts, next } = decision;
    for (const warning of decision.warnings) io.err(`trunk: warning: ${warning}`);
    if (!next || facts.allTags.includes(next.tag)) return Exit.Ok;
    if (policy.release.onMerge === 'notes') {
      const ci = releasingCi(repo.root);
      const who = ci
        ? `CI cuts it once ${policy.trunk} is pushed (${ci} runs trunk release --push)`
        : 'cut it with: npx trunk release';
      io.err(`trunk: the next release would be ${next.tag} (${decision.bump}); ${who}\n${next.notes}`);
      return Exit.Ok;
    }
    if (policy.changelog.file && facts.changelogDirty) throw errors.changelogDirty(policy.changelog.file);
    const held = closed(decision.gates);
    if (held.length) {
      io.err(
        `trunk: the merge is done, and the release waits: ${releaseHeld(next.tag, held)}\n  fix: release once it reopens: npx trunk release; or now, recording why: npx trunk release --force --reason "…"`,
      );
      return Exit.Refused;
    }
    const cut = await cutRelease(repo, loaded, { ...decision, next }, false, io.env, null);
    const moved = cut.moves.length ? `; ${describeMoves(cut.moves)}` : '';
    io.err(
      `trunk: released ${next.tag} (${decision.bump})${moved}; publish it with: git push --atomic origin ${policy.trunk} ${next.tag}`,
    );
    return Exit.Ok;
  } catch (err) {
    io.err(
      `${formatError(err, io.env.TRUNK_DEBUG === '1')}\n  the merge itself is done and nothing else was changed; release by hand with: npx trunk release`,
    );
    return Exit.Error;
  }
};

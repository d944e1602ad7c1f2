// `trunk release [--dry-run] [--json] [--push] [--release-as X.Y.Z] [--prerelease ID]`: cut the next release.
import { loadPolicy } from '../../adapters/config/load.js';
import { openRepo } from '../../adapters/git/repo.js';
import { describeMoves } from '../../core/versioning/release-write.js';
import { Exit, errors } from '../../errors.js';
import { completeRelease, cutRelease, decideRelease, releaseJson } from '../../flows/release.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';

export const run: Command = defineCommand(USAGE.release, async ({ values }, io) => {
  const dryRun = Boolean(values['dry-run']);
  const push = Boolean(values.push);
  const repo = await openRepo(io.cwd);
  const loaded = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const { policy } = loaded;
  const decision = await decideRelease(repo, loaded, {
    write: !dryRun,
    prereleaseId: values.prerelease,
    releaseAs: values['release-as'],
    epoch: io.env.SOURCE_DATE_EPOCH,
  });
  if (decision.kind === 'interrupted') {
    const leftAlone = await completeRelease(repo, policy, decision, push, io.env);
    io.err(
      `trunk: completed the interrupted release ${decision.tag}: its release commit had no tag; HEAD is now tagged.`,
    );
    for (const file of leftAlone)
      io.err(`  left alone: ${file} (changed since the interrupted release; git diff HEAD -- ${file} shows how)`);
    return Exit.Ok;
  }
  const { facts, next } = decision;
  for (const warning of decision.warnings) io.err(`trunk: warning: ${warning}`);
  const file = policy.changelog.file;
  if (next && facts.allTags.includes(next.tag)) throw errors.tagExists(next.tag);
  if (next && file && facts.changelogDirty) throw errors.changelogDirty(file);
  const since = `${decision.commits} commit${decision.commits === 1 ? '' : 's'} since ${decision.previousTag ?? 'the start'}`;

  if (!next)
    io.err(
      `trunk: nothing to release: ${decision.commits === 0 ? `no commits since ${decision.previousTag}` : `none of the ${since} is a feat, fix, perf, revert or breaking change`}.`,
    );
  else if (dryRun)
    io.err(`trunk: would release ${next.tag} (${decision.bump ?? 'as requested'}, ${since}); nothing was written.`);
  else {
    const cut = await cutRelease(repo, loaded, { ...decision, next }, push, io.env);
    const moved = cut.moves.length ? `; ${describeMoves(cut.moves)}` : '';
    const publish = cut.pushed
      ? 'pushed to origin'
      : `publish it with: git push --atomic origin ${policy.trunk} ${next.tag}`;
    io.err(`trunk: released ${next.tag} (${decision.bump ?? 'as requested'}, ${since})${moved}; ${publish}`);
  }
  if (values.json) io.out(JSON.stringify({ ...releaseJson(decision), dryRun }));
  else if (next && dryRun) io.out(next.notes);
  return Exit.Ok;
});

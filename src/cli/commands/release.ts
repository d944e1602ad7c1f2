// `trunk release [--dry-run] [--json] [--push] [--release-as X.Y.Z] [--prerelease ID]`: cut the next release.
import { loadPolicy } from '../../adapters/config/load.js';
import { readReleaseFacts } from '../../adapters/git/release-facts.js';
import { openRepo } from '../../adapters/git/repo.js';
import { Exit, errors } from '../../errors.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { completeInterrupted, cutRelease, prepareRelease, releaseJson } from '../release-flow.js';
import { VERSION } from '../version.js';

export const run: Command = defineCommand(USAGE.release, async ({ values }, io) => {
  const dryRun = Boolean(values['dry-run']);
  const repo = await openRepo(io.cwd);
  const loaded = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const { policy } = loaded;
  const facts = await readReleaseFacts(repo, policy);
  if (facts.branch !== policy.trunk) throw errors.notOnTrunk(facts.branch, policy.trunk);
  if (facts.interrupted && !dryRun) {
    const leftAlone = await completeInterrupted(repo, policy, facts.interrupted, Boolean(values.push), io.env);
    io.err(`trunk: completed the interrupted release ${facts.interrupted}: its release commit had no tag; HEAD is now tagged.`);
    for (const file of leftAlone) io.err(`  left alone: ${file} (changed since the interrupted release; git diff HEAD -- ${file} shows how)`);
    return Exit.Ok;
  }
  const prepared = await prepareRelease(repo, policy, facts, { prereleaseId: values.prerelease, releaseAs: values['release-as'], epoch: io.env.SOURCE_DATE_EPOCH });
  const { next } = prepared;
  for (const warning of prepared.warnings) io.err(`trunk: warning: ${warning}`);
  const file = policy.changelog.file;
  if (next && facts.allTags.includes(next.tag)) throw errors.tagExists(next.tag);
  if (next && file && facts.changelogDirty) throw errors.changelogDirty(file);
  const since = `${prepared.commits} commit${prepared.commits === 1 ? '' : 's'} since ${prepared.previousTag ?? 'the start'}`;

  if (!next)
    io.err(`trunk: nothing to release: ${prepared.commits === 0 ? `no commits since ${prepared.previousTag}` : `none of the ${since} is a feat, fix, perf, revert or breaking change`}.`);
  else if (dryRun) io.err(`trunk: would release ${next.tag} (${prepared.bump ?? 'as requested'}, ${since}); nothing was written.`);
  else {
    const moved = await cutRelease(repo, loaded, { ...prepared, next }, Boolean(values.push), io.env);
    const publish = values.push ? 'pushed to origin' : `publish it with: git push --atomic origin ${policy.trunk} ${next.tag}`;
    io.err(`trunk: released ${next.tag} (${prepared.bump ?? 'as requested'}, ${since})${moved}; ${publish}`);
  }
  if (values.json) io.out(JSON.stringify({ ...releaseJson(prepared), dryRun }));
  else if (next && dryRun) io.out(next.notes);
  return Exit.Ok;
});

// `trunk release [--dry-run] [--json] [--push] [--release-as X.Y.Z] [--prerelease ID] [--force --reason TEXT]`: cut
// the next release. A freeze window of an environment its tag would move refuses it, unless `--force --reason`,
// which records the override in the tag's message.
import { loadPolicy } from '../../adapters/config/load.js';
import { openRepo } from '../../adapters/git/repo.js';
import type { EnvGates } from '../../core/environments/gates.js';
import { describeMoves } from '../../core/versioning/release-write.js';
import { Exit, errors } from '../../errors.js';
import { closed } from '../../flows/gates.js';
import { completeRelease, cutRelease, decideRelease, releaseJson } from '../../flows/release.js';
import { defineCommand, USAGE } from '../args.js';
import { gatesJson, overrideOf, releaseHeld } from '../gates.js';
import type { Command, Io } from '../main.js';
import { VERSION } from '../version.js';

/** Refuses a release of `tag` that closed freeze windows hold (true), or says what `--force` overrode. */
function frozen(io: Io, tag: string, gates: readonly EnvGates[], forced: boolean, dryRun: boolean): boolean {
  const held = closed(gates);
  if (held.length && !forced) {
    io.err(
      `trunk: cannot release now: ${releaseHeld(tag, held)}\n  fix: wait until then and run: npx trunk release; or release now and record why: npx trunk release --force --reason "…"`,
    );
    return true;
  }
  if (forced)
    io.err(
      held.length
        ? `trunk: ${dryRun ? 'would override' : 'overriding'} the freeze of ${held.map((g) => g.env).join(', ')}; the message of ${tag} records it.`
        : `trunk: --force: no environment ${tag} moves is frozen, so nothing was overridden.`,
    );
  return false;
}

export const run: Command = defineCommand(USAGE.release, async ({ values }, io) => {
  const dryRun = Boolean(values['dry-run']);
  const push = Boolean(values.push);
  const override = overrideOf(values, io.env, 'npx trunk release');
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
    if (frozen(io, decision.tag, decision.gates, Boolean(override), false)) return Exit.Refused;
    const leftAlone = await completeRelease(repo, policy, decision, push, io.env, override);
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
  const json = () => ({ ...releaseJson(decision), dryRun, gates: decision.gates.map(gatesJson) });
  if (next && frozen(io, next.tag, decision.gates, Boolean(override), dryRun)) {
    if (values.json) io.outJson(json());
    return Exit.Refused;
  }

  if (!next)
    io.err(
      `trunk: nothing to release: ${decision.commits === 0 ? `no commits since ${decision.previousTag}` : `none of the ${since} is a feat, fix, perf, revert or breaking change`}.`,
    );
  else if (dryRun)
    io.err(`trunk: would release ${next.tag} (${decision.bump ?? 'as requested'}, ${since}); nothing was written.`);
  else {
    const cut = await cutRelease(repo, loaded, { ...decision, next }, push, io.env, override);
    const moved = cut.moves.length ? `; ${describeMoves(cut.moves)}` : '';
    const publish = cut.pushed
      ? 'pushed to origin'
      : `publish it with: git push --atomic origin ${policy.trunk} ${next.tag}`;
    io.err(`trunk: released ${next.tag} (${decision.bump ?? 'as requested'}, ${since})${moved}; ${publish}`);
  }
  if (values.json) io.outJson(json());
  else if (next && dryRun) io.out(next.notes);
  return Exit.Ok;
});

// `trunk env promote <env> [--dry-run] [--json] [--push]`: the environment takes what its upstream runs. Fed by
// candidates, it gets the candidate's very commit tagged with the stable version (annotated, notes since the
// last stable release): what qa verified is, byte for byte, what prod runs. A `promoted` environment's tag moves
// in the config and the manifests, as a change to merge.
import { readAnalysis } from '../../adapters/git/release-facts.js';
import { writeRelease } from '../../adapters/git/release.js';
import { lines, originUrl, tagNames } from '../../adapters/git/repo.js';
import { writes } from '../../adapters/files/plan.js';
import { planPromotion, short as shortSha } from '../../core/environments/promote.js';
import { configuredTool } from '../../core/gitops/registry.js';
import { lastRelease } from '../../core/versioning/plan.js';
import { planTagWrite } from '../../core/versioning/release-write.js';
import { Exit, errors } from '../../errors.js';
import { notesFor } from '../../flows/notes.js';
import { readEnvState } from '../../flows/env-state.js';
import { editEnvironments, manifestsFor, planManifests } from '../../flows/manifests.js';
import { landingSteps, openEnvironments, unknownEnvironment } from '../env-commands.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';

export const run: Command = defineCommand(USAGE.envPromote, async ({ values, positionals }, io) => {
  if (positionals.length !== 1) throw errors.usage('trunk env promote needs the environment to promote.', 'trunk env promote prod');
  const [name] = positionals;
  const dryRun = Boolean(values['dry-run']);
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  if (!policy.environments.some((e) => e.name === name)) throw unknownEnvironment(name, loaded);
  const state = await readEnvState(repo, policy);
  const tags = await tagNames(repo);
  const plan = planPromotion(state.refs, name, { tagPrefix: policy.tagPrefix, allTags: tags, trunk: policy.trunk });
  if (plan.kind === 'refuse') {
    if (values.json) io.out(JSON.stringify({ env: name, promoted: false, reason: plan.reason }));
    io.err(`trunk: cannot promote ${name}: ${plan.reason}.\n  fix: ${plan.fix}`);
    return Exit.Refused;
  }
  const short = shortSha(plan.sha);
  if (plan.kind === 'pin') {
    const i = policy.environments.findIndex((e) => e.name === name);
    const environments = policy.environments.map((e, j) => (j === i ? { ...e, track: { kind: 'promoted' as const, tag: plan.tag } } : e));
    const what = `promote ${name} to ${plan.tag}`;
    const paths = dryRun ? [] : await editEnvironments(repo, loaded, [[['environments', i, 'track', 'tag'], plan.tag]], environments, what);
    if (values.json) io.out(JSON.stringify({ env: name, promoted: !dryRun, kind: 'pin', from: plan.from, tag: plan.tag, previousTag: plan.previousTag, sha: plan.sha, files: paths, dryRun }));
    io.err(
      dryRun
        ? `trunk: would move ${name} from ${plan.previousTag ?? 'nothing'} to ${plan.tag} (${short}, what ${plan.from} runs); nothing was written.`
        : `trunk: ${name} now points at ${plan.tag} (${short}, what ${plan.from} runs) in ${paths.join(', ')}.\n  ${landingSteps(paths, `feature/promote-${name}-${plan.tag}`, `chore(env): ${what}`)}`,
    );
    return Exit.Ok;
  }
  const last = lastRelease(lines(await repo.git(['tag', '--merged', plan.sha])), policy.tagPrefix);
  const analysis = await readAnalysis(repo, last.tag, plan.sha, policy);
  const notes = await notesFor(analysis.noteworthy, { version: plan.version, tag: plan.tag, previousTag: last.tag }, { originUrl: await originUrl(repo), epoch: io.env.SOURCE_DATE_EPOCH });
  if (!dryRun) await writeRelease(repo, io.env, planTagWrite({ kind: 'promotion', env: name }, plan.tag, notes, { target: plan.sha, trunk: policy.trunk, sign: policy.release.sign, push: Boolean(values.push) }));
  if (values.json) io.out(JSON.stringify({ env: name, promoted: !dryRun, kind: 'tag', from: plan.from, tag: plan.tag, version: plan.version, sha: plan.sha, candidate: plan.upstreamTag, previousTag: last.tag, notes, dryRun, pushed: !dryRun && Boolean(values.push) }));
  else if (dryRun) io.out(notes);
  const publish = values.push ? 'pushed to origin' : `publish it with: git push origin ${plan.tag}`;
  io.err(
    dryRun
      ? `trunk: would tag ${short} (${plan.upstreamTag}, what ${plan.from} runs) as ${plan.tag}; nothing was written.`
      : `trunk: promoted ${name}: tagged ${short} (${plan.upstreamTag}, what ${plan.from} runs) as ${plan.tag}; ${name} picks it up with no manifest change. ${publish}`,
  );
  // A `previous` environment after the promoted one follows the new release: its pointer is a change to land.
  const tool = configuredTool(policy.gitops);
  if (!dryRun && tool && policy.environments.some((e) => e.track.kind === 'previous')) {
    const stale = writes(planManifests(repo.root, await manifestsFor(repo, policy, loaded.file, tool, [...tags, plan.tag])));
    if (stale.length) io.err(`trunk: ${stale.map((c) => c.path).join(', ')} must now follow ${plan.tag} too: npx trunk env manifests, then land that change.`);
  }
  return Exit.Ok;
});

// `trunk env promote <env> [--dry-run] [--json] [--push]`: the environment takes what its upstream runs. Fed by
// candidates, it gets the candidate's very commit tagged with the stable version (annotated, notes since the
// last stable release): what qa verified is, byte for byte, what prod runs. A `promoted` environment's tag moves
// in the config and the manifests, as a change to merge. A closed promotion gate (soak, freeze) refuses it, unless
// `--force --reason`, which records the override in the tag's message (or the landing commit's).
import { short } from '../../core/environments/promote.js';
import { Exit, errors } from '../../errors.js';
import { promote, type PromotionResult } from '../../flows/promote.js';
import { defineCommand, USAGE } from '../args.js';
import { landingSteps, openEnvironments, unknownEnvironment } from '../env-commands.js';
import { gatesJson, overrideOf, promotionHeld } from '../gates.js';
import type { Command, Io } from '../main.js';

/** Says what `--force` did: the gates it overrode and where that is recorded, or that none was closed. */
function sayOverride(
  io: Io,
  result: Extract<PromotionResult, { kind: 'tag' | 'pin' }>,
  where: string,
  dryRun: boolean,
) {
  if (result.record.length)
    io.err(
      `trunk: ${dryRun ? 'would override' : 'overrode'} the closed gates of ${result.env}, recorded in ${where}:\n  ${result.record.join('\n  ')}`,
    );
  else io.err(`trunk: --force: every gate of ${result.env} is open, so nothing was overridden.`);
}

export const run: Command = defineCommand(USAGE.envPromote, async ({ values, positionals }, io) => {
  if (positionals.length !== 1)
    throw errors.usage('trunk env promote needs the environment to promote.', 'trunk env promote prod');
  const [name] = positionals;
  const dryRun = Boolean(values['dry-run']);
  const override = overrideOf(values, io.env, `trunk env promote ${name}`);
  const { repo, loaded } = await openEnvironments(io.cwd);
  if (!loaded.policy.environments.some((e) => e.name === name)) throw unknownEnvironment(name, loaded);
  const result = await promote(
    repo,
    loaded,
    { env: name, dryRun, push: Boolean(values.push), epoch: io.env.SOURCE_DATE_EPOCH, override },
    io.env,
  );
  if (result.kind === 'refuse') {
    if (values.json) io.outJson({ env: name, promoted: false, reason: result.reason });
    io.err(`trunk: cannot promote ${name}: ${result.reason}.\n  fix: ${result.fix}`);
    return Exit.Refused;
  }
  if (result.kind === 'held') {
    const held = promotionHeld(result.gates);
    if (values.json) io.outJson({ env: name, promoted: false, reason: held.reason, gates: gatesJson(result.gates) });
    io.err([`trunk: cannot promote ${name}: ${held.reason}:`, ...held.lines, `  fix: ${held.fix}`].join('\n'));
    return Exit.Refused;
  }
  const gates = gatesJson(result.gates);
  const record = result.record.length ? result.record : null;
  if (result.kind === 'pin') {
    const { from, tag, previousTag, sha, files } = result;
    const what = `(${short(sha)}, what ${from} runs)`;
    if (values.json)
      io.outJson({
        env: name,
        promoted: !dryRun,
        kind: 'pin',
        from,
        tag,
        previousTag,
        sha,
        files,
        dryRun,
        gates,
        override: record,
      });
    if (override) sayOverride(io, result, 'the commit that lands it (its --trailer lines)', dryRun);
    io.err(
      dryRun
        ? `trunk: would move ${name} from ${previousTag ?? 'nothing'} to ${tag} ${what}; nothing was written.`
        : `trunk: ${name} now points at ${tag} ${what} in ${files.join(', ')}.\n  ${landingSteps(files, `feature/promote-${name}-${tag}`, `chore(env): ${result.change}`, result.record)}`,
    );
    return Exit.Ok;
  }
  const { from, tag, version, sha, candidate, previousTag, notes, pushed } = result;
  const what = `${short(sha)} (${candidate}, what ${from} runs)`;
  if (values.json)
    io.outJson({
      env: name,
      promoted: !dryRun,
      kind: 'tag',
      from,
      tag,
      version,
      sha,
      candidate,
      previousTag,
      notes,
      dryRun,
      pushed,
      gates,
      override: record,
    });
  else if (dryRun) io.out(notes);
  if (override) sayOverride(io, result, `the message of ${tag}`, dryRun);
  const publish = pushed ? 'pushed to origin' : `publish it with: git push origin ${tag}`;
  io.err(
    dryRun
      ? `trunk: would tag ${what} as ${tag}; nothing was written.`
      : `trunk: promoted ${name}: tagged ${what} as ${tag}; ${name} picks it up with no manifest change. ${publish}`,
  );
  if (result.follow.length)
    io.err(
      `trunk: ${result.follow.join(', ')} must now follow ${tag} too: npx trunk env manifests, then land that change.`,
    );
  return Exit.Ok;
});

// `trunk env promote <env> [--dry-run] [--json] [--push]`: the environment takes what its upstream runs. Fed by
// candidates, it gets the candidate's very commit tagged with the stable version (annotated, notes since the
// last stable release): what qa verified is, byte for byte, what prod runs. A `promoted` environment's tag moves
// in the config and the manifests, as a change to merge.
import { short } from '../../core/environments/promote.js';
import { Exit, errors } from '../../errors.js';
import { promote } from '../../flows/promote.js';
import { defineCommand, USAGE } from '../args.js';
import { landingSteps, openEnvironments, unknownEnvironment } from '../env-commands.js';
import type { Command } from '../main.js';

export const run: Command = defineCommand(USAGE.envPromote, async ({ values, positionals }, io) => {
  if (positionals.length !== 1)
    throw errors.usage('trunk env promote needs the environment to promote.', 'trunk env promote prod');
  const [name] = positionals;
  const dryRun = Boolean(values['dry-run']);
  const { repo, loaded } = await openEnvironments(io.cwd);
  if (!loaded.policy.environments.some((e) => e.name === name)) throw unknownEnvironment(name, loaded);
  const result = await promote(
    repo,
    loaded,
    { env: name, dryRun, push: Boolean(values.push), epoch: io.env.SOURCE_DATE_EPOCH },
    io.env,
  );
  if (result.kind === 'refuse') {
    if (values.json) io.out(JSON.stringify({ env: name, promoted: false, reason: result.reason }));
    io.err(`trunk: cannot promote ${name}: ${result.reason}.\n  fix: ${result.fix}`);
    return Exit.Refused;
  }
  if (result.kind === 'pin') {
    const { from, tag, previousTag, sha, files } = result;
    const what = `(${short(sha)}, what ${from} runs)`;
    if (values.json)
      io.out(JSON.stringify({ env: name, promoted: !dryRun, kind: 'pin', from, tag, previousTag, sha, files, dryRun }));
    io.err(
      dryRun
        ? `trunk: would move ${name} from ${previousTag ?? 'nothing'} to ${tag} ${what}; nothing was written.`
        : `trunk: ${name} now points at ${tag} ${what} in ${files.join(', ')}.\n  ${landingSteps(files, `feature/promote-${name}-${tag}`, `chore(env): ${result.change}`)}`,
    );
    return Exit.Ok;
  }
  const { from, tag, version, sha, candidate, previousTag, notes, pushed } = result;
  const what = `${short(sha)} (${candidate}, what ${from} runs)`;
  if (values.json)
    io.out(
      JSON.stringify({
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
      }),
    );
  else if (dryRun) io.out(notes);
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

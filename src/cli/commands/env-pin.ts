// `trunk env pin <env> <tag>` / `trunk env unpin <env>`: an exact release tag that overrides an environment's
// track (rollback, hotfix testing), written to the config and the pointer manifests as a change to merge.
import { tagNames } from '../../adapters/git/repo.js';
import { parseTag } from '../../core/versioning/tag.js';
import { Exit, errors } from '../../errors.js';
import { editEnvironments } from '../../flows/manifests.js';
import { landingSteps, openEnvironments, unknownEnvironment } from '../env-commands.js';
import { parseFlags, USAGE } from '../args.js';
import type { Command } from '../main.js';

export const run: Command = async (args, io) => {
  const [verb, ...rest] = args;
  const parsed = parseFlags(verb === 'pin' ? USAGE.envPin : USAGE.envUnpin, rest, io);
  if (!parsed) return Exit.Ok;
  const { positionals } = parsed;
  const [name, tag] = positionals;
  const usage = verb === 'pin' ? 'trunk env pin prod v1.4.1' : 'trunk env unpin prod';
  if (!name || (verb === 'pin' && tag === undefined))
    throw errors.usage(
      verb === 'pin'
        ? 'trunk env pin needs an environment and a release tag.'
        : 'trunk env unpin needs an environment.',
      usage,
    );
  const { repo, loaded } = await openEnvironments(io.cwd);
  const { policy } = loaded;
  const i = policy.environments.findIndex((e) => e.name === name);
  if (i < 0) throw unknownEnvironment(name, loaded);
  const env = policy.environments[i];
  if (verb === 'unpin' && !env.pin) {
    io.err(`trunk: ${name} is not pinned; nothing changed.`);
    return Exit.Ok;
  }
  if (tag !== undefined) {
    if (parseTag(tag, policy.tagPrefix) === null)
      throw errors.usage(
        `${tag} is not a release tag (${policy.tagPrefix}X.Y.Z, setting "tagPrefix").`,
        `pin a release: ${usage}`,
      );
    if (!(await repo.git(['rev-parse', '--verify', '-q', `refs/tags/${tag}^{commit}`])).trim())
      throw errors.usage(
        `tag ${tag} does not exist here, so ${name} could not run it.`,
        `fetch the tags first (git fetch --tags), then: ${usage}`,
      );
  }
  const environments = policy.environments.map((e, j) => (j === i ? { ...e, pin: tag } : e));
  const what = tag ? `pin ${name} to ${tag}` : `unpin ${name}`;
  const paths = await editEnvironments(
    repo,
    loaded,
    [[['environments', i, 'pin'], tag]],
    environments,
    what,
    await tagNames(repo),
  );
  const branch = `feature/${tag ? `pin-${name}-${tag}` : `unpin-${name}`}`;
  io.err(
    `trunk: ${tag ? `pinned ${name} to ${tag}` : `unpinned ${name}: it follows its track again`} in ${paths.join(', ')}.\n  ${landingSteps(paths, branch, `chore(env): ${what}`)}`,
  );
  return Exit.Ok;
};

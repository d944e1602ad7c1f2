// What the `trunk env` commands share: the repository and its environments, the error for a name the config does
// not define, and how to land an environment change.
import type { LoadedPolicy } from '../adapters/config/files.js';
import { loadPolicy } from '../adapters/config/load.js';
import { openRepo, type Repo } from '../adapters/git/repo.js';
import { closest } from '../core/closest.js';
import { shellWord } from '../core/text.js';
import { errors } from '../errors.js';
import { VERSION } from './version.js';

/** The repository and its policy for a `trunk env` command; refused when the config defines no environment. */
export async function openEnvironments(cwd: string): Promise<{ repo: Repo; loaded: LoadedPolicy }> {
  const repo = await openRepo(cwd);
  const loaded = await loadPolicy(repo.root, repo.commonDir, VERSION);
  if (loaded.policy.environments.length === 0) throw errors.noEnvironments(loaded.file ?? 'this repository');
  return { repo, loaded };
}

/** The error for an environment name the config does not define. */
export function unknownEnvironment(name: string, loaded: LoadedPolicy) {
  const names = loaded.policy.environments.map((e) => e.name);
  const near = closest(name, names);
  return errors.usage(
    `there is no environment "${name}" in ${loaded.file ?? 'the config'}${near ? `; did you mean "${near}"?` : '.'}`,
    `name one of: ${names.join(', ')}`,
  );
}

/** How to land an environment change: a branch, a commit of exactly those files (with `trailers`), a pull request. */
export function landingSteps(
  paths: readonly string[],
  branch: string,
  message: string,
  trailers: readonly string[] = [],
): string {
  const trailed = trailers.map((t) => ` --trailer ${shellWord(t)}`).join('');
  return `land it through a pull request: git switch -c ${branch} && git add -- ${paths.join(' ')} && git commit -m "${message}"${trailed} && git push -u origin ${branch}`;
}

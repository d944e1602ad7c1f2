// Installs the pre-receive hook into a bare repository on a git server: a tiny shim that runs this CLI with the
// node that installed it (servers have no version managers in hooks' PATH, and no node_modules next to the repo).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellWord } from '../../core/text.js';
import { errors } from '../../errors.js';
import type { Repo } from '../git/repo.js';

export const SERVER_FINGERPRINT = '# trunk-init server hook';

/** Writes `<git dir>/hooks/pre-receive`; refuses to replace a hook that is not ours unless `force`. Returns its path. */
export function installPreReceive(repo: Repo, node: string, cli: string, force: boolean): string {
  const hook = join(repo.gitDir, 'hooks', 'pre-receive');
  if (existsSync(hook) && !readFileSync(hook, 'utf8').includes(SERVER_FINGERPRINT) && !force)
    throw errors.serverHookExists(hook, shellWord(repo.gitDir));
  // Fails closed: if node or the CLI is gone, exec fails and git rejects the push.
  writeFileSync(
    hook,
    `#!/bin/sh\n${SERVER_FINGERPRINT}: pre-receive. Installed by \`trunk server install\`; rerun it to update.\nexec ${shellWord(node)} ${shellWord(cli)} hook pre-receive\n`,
  );
  chmodSync(hook, 0o755);
  return hook;
}

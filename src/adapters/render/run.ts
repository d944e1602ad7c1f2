// Runs a renderer: the first of its programs found on PATH, without a shell (its arguments are data), in the
// temporary copy of the tree, with a fresh HOME and none of the caller's environment (no CI token reaches it), and
// with the network shut: every proxy variable points at a closed port and git may use no transport at all, so a
// remote base or chart that slipped past the checks fails instead of being fetched.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Invocation } from '../../core/render/renderer.js';
import { printable } from '../../core/text.js';
import { errors } from '../../errors.js';
import type { Scratch } from './tree.js';

/** Long enough for a large chart; a renderer waiting on something never met fails instead of hanging CI. */
const TIMEOUT_MS = 120_000;
const CLOSED = 'http://127.0.0.1:9';

/** The whole environment a renderer gets. */
function rendererEnv(scratch: Scratch, path: string | undefined): Record<string, string> {
  return {
    PATH: path ?? '',
    HOME: scratch.home,
    LANG: 'C.UTF-8',
    ...Object.fromEntries(
      ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'].map((k) => [k, CLOSED]),
    ),
    NO_PROXY: '',
    no_proxy: '',
    GIT_ALLOW_PROTOCOL: 'none',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(scratch.home, 'no-gitconfig'),
    // kubectl kustomize needs no cluster: no kubeconfig of the user's is read.
    KUBECONFIG: join(scratch.home, 'no-kubeconfig'),
    // Helm: no plugins (a downloader or post-renderer plugin), no repositories, caches in the scratch directory.
    HELM_PLUGINS: join(scratch.home, 'no-helm-plugins'),
    HELM_CONFIG_HOME: join(scratch.home, 'helm'),
    HELM_CACHE_HOME: join(scratch.home, 'helm-cache'),
    HELM_DATA_HOME: join(scratch.home, 'helm-data'),
  };
}

type Outcome = { kind: 'missing' } | { kind: 'ok'; stdout: string } | { kind: 'failed'; stderr: string };

function runOne(invocation: Invocation, scratch: Scratch, path: string | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(
      invocation.program,
      invocation.args,
      {
        cwd: scratch.tree,
        env: rendererEnv(scratch, path),
        maxBuffer: 512 * 1024 * 1024,
        timeout: TIMEOUT_MS,
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ kind: 'ok', stdout });
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ kind: 'missing' });
        const text = err.killed ? `no answer after ${TIMEOUT_MS / 1000} s` : `${stderr}`.trim() || err.message;
        resolve({ kind: 'failed', stderr: text });
      },
    );
    child.stdin?.end();
  });
}

/** The last lines of a renderer's stderr, cleaned, for its error. */
const tail = (text: string) => printable(text.trim().split('\n').slice(-5).join('\n'));

/**
 * Runs the first of `invocations` whose program is on `path` (the caller's PATH) in `scratch`; `where` names the
 * directory and ref in errors. Returns what ran and its stdout; null when none of the programs is on PATH.
 */
export async function runRenderer(
  invocations: readonly Invocation[],
  scratch: Scratch,
  where: string,
  path: string | undefined,
): Promise<{ ran: Invocation; stdout: string } | null> {
  for (const invocation of invocations) {
    const outcome = await runOne(invocation, scratch, path);
    if (outcome.kind === 'missing') continue;
    if (outcome.kind === 'failed')
      throw errors.renderFailed([invocation.program, ...invocation.args].join(' '), where, tail(outcome.stderr));
    return { ran: invocation, stdout: outcome.stdout };
  }
  return null;
}

// Flux: for each environment and app, a GitRepository that follows the environment's ref and a Kustomization that
// applies the app's path from it; each cluster's bootstrap includes its environment's directory. source-controller's
// cloneSemVer skips every tag without exactly three numeric parts, and a zero-padded prerelease number (`-rc.01`).
import { fill, type App } from '../../environments/layout.js';
import { hasZeroPaddedPrerelease, versionOf, versionParts, type ToolVersion } from '../../versioning/tool-version.js';
import { objectLabels, type GitopsTool, type Pointer, type PointerEnv, type PointerInput } from '../tool.js';

function readTag(name: string): ToolVersion {
  const parts = versionParts(name);
  if (!parts || parts.minor === undefined || parts.patch === undefined || hasZeroPaddedPrerelease(parts))
    return { kind: 'skip' };
  return versionOf(parts);
}

/** Flux only takes http(s):// and ssh:// URLs: `git@host:org/repo` becomes `ssh://git@host/org/repo`. */
export function fluxUrl(url: string): string {
  const scp = /^([^@/:]+@)?([^/:]+):(?!\/)(.+)$/.exec(url);
  return scp && !/^[a-z+]+:\/\//i.test(url) ? `ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]}` : url;
}

const refOf = (spec: PointerEnv['spec']) =>
  spec.kind === 'branch'
    ? { branch: spec.value }
    : spec.kind === 'range'
      ? { semver: spec.value }
      : { tag: spec.value };

/** An app's GitRepository, following the environment's ref, and the Kustomization that applies its path. */
function pointer(input: PointerInput, app: App, { env, spec, track }: PointerEnv): Pointer {
  const { flux: settings } = input.gitops;
  const url = fluxUrl(input.repoUrl);
  const ssh = url.startsWith('ssh://');
  const name = `${app.name}-${env.name}`;
  const path = fill(input.gitops.path, app.dir, env.name);
  const source = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace: settings.namespace, ...objectLabels(app, env, track) },
    spec: {
      interval: settings.interval,
      url,
      ...(ssh ? { secretRef: { name: `${input.app}-git-ssh` } } : {}),
      ref: refOf(spec),
      ignore: `/*\n!/${path.split('/')[0]}\n`,
    },
  };
  const kustomization = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: settings.namespace, ...objectLabels(app, env, track) },
    spec: {
      interval: settings.applyInterval,
      sourceRef: { kind: 'GitRepository', name },
      path: `./${path}`,
      prune: true,
      wait: true,
      timeout: '3m',
      targetNamespace: fill(input.gitops.namespace, app.name, env.name),
    },
  };
  const notes = [
    `Include ${input.dir}/${env.name} in the ${env.name} cluster's Flux bootstrap path (it reads ${input.trunk}).`,
  ];
  if (ssh)
    notes.push(
      `The ssh URL needs the secret ${input.app}-git-ssh: flux create secret git ${input.app}-git-ssh --url=${url} --private-key-file=<key>`,
    );
  return { path: `${env.name}/${app.name}.yaml`, notes, documents: [source, kustomization] };
}

/** <env>/<app>.yaml for each environment and app. */
const pointers = (input: PointerInput): Pointer[] =>
  input.environments.flatMap((target) => input.apps.map((app) => pointer(input, app, target)));

export const flux: GitopsTool = {
  id: 'flux',
  label: 'Flux',
  readTag,
  pointers,
  setupDir: { dir: 'clusters', guess: 'a Flux bootstrap?' },
  readsSubdirectories: true,
};

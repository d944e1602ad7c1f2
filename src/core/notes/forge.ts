// Where links in release notes point: the forge hosting the `origin` remote, if it is one we know.
import type { PresetConfig } from 'conventional-changelog-conventionalcommits';

export interface Forge {
  kind: 'github' | 'gitlab' | 'bitbucket' | 'gitea';
  host: string;
  owner: string;
  repository: string;
  urls: PresetConfig;
}

const URLS: Record<Forge['kind'], PresetConfig> = {
  github: {},
  gitlab: {
    commitUrlFormat: '{{host}}/{{owner}}/{{repository}}/-/commit/{{hash}}',
    compareUrlFormat: '{{host}}/{{owner}}/{{repository}}/-/compare/{{previousTag}}...{{currentTag}}',
    issueUrlFormat: '{{host}}/{{owner}}/{{repository}}/-/issues/{{id}}',
  },
  bitbucket: {
    commitUrlFormat: '{{host}}/{{owner}}/{{repository}}/commits/{{hash}}',
    compareUrlFormat: '{{host}}/{{owner}}/{{repository}}/branches/compare/{{currentTag}}%0D{{previousTag}}',
    issueUrlFormat: '{{host}}/{{owner}}/{{repository}}/issues/{{id}}',
  },
  gitea: {
    commitUrlFormat: '{{host}}/{{owner}}/{{repository}}/commit/{{hash}}',
    compareUrlFormat: '{{host}}/{{owner}}/{{repository}}/compare/{{previousTag}}...{{currentTag}}',
    issueUrlFormat: '{{host}}/{{owner}}/{{repository}}/issues/{{id}}',
  },
};

function kindOf(host: string): Forge['kind'] | null {
  if (host === 'github.com') return 'github';
  if (host === 'bitbucket.org') return 'bitbucket';
  if (host === 'gitlab.com' || /(^|\.)gitlab\./.test(host)) return 'gitlab';
  if (host === 'gitea.com' || host === 'codeberg.org' || /(^|\.)gitea\./.test(host)) return 'gitea';
  return null;
}

/** The forge of a remote URL (https, ssh or scp-like), or null for anything else (plain-text notes). */
export function forgeFor(url: string | null): Forge | null {
  if (!url) return null;
  const match = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url.trim());
  if (!match) return null;
  const [, host, path] = match;
  const kind = kindOf(host.toLowerCase());
  const segments = path.split('/').filter(Boolean);
  if (!kind || segments.length < 2) return null;
  return {
    kind,
    host: `https://${host.toLowerCase()}`,
    owner: segments.slice(0, -1).join('/'),
    repository: segments.at(-1)!,
    urls: URLS[kind],
  };
}

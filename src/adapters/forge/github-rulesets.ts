// Reads a repository's live rulesets from the GitHub REST API (repository and organization ones, with their rules).
import type { Ruleset } from '../../core/forge/rulesets.js';
import { TrunkError } from '../../errors.js';

const HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'trunk-init' };

async function getJson(url: string, token: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...HEADERS, authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new TrunkError('EFORGE', `${url} could not be reached: ${err instanceof Error ? err.message : String(err)}.`, 'check the network, or set GITHUB_API_URL for GitHub Enterprise Server (https://HOST/api/v3)', { cause: err });
  }
  if (!response.ok)
    throw new TrunkError('EFORGE', `GitHub answered ${response.status} ${response.statusText} for ${url}.`, 'use a token that can read the repository\'s administration settings: GITHUB_TOKEN=$(gh auth token) npx trunk doctor --forge');
  return response.json();
}

/** Every ruleset that applies to `repo` ("owner/name"), each read in full (the list leaves out rules and bypass actors). */
export async function readGithubRulesets(api: string, repo: string, token: string): Promise<Ruleset[]> {
  const base = `${api.replace(/\/+$/, '')}/repos/${repo}/rulesets`;
  const list = await getJson(`${base}?includes_parents=true&per_page=100`, token);
  if (!Array.isArray(list)) throw new TrunkError('EFORGE', `${base} did not answer with a list of rulesets.`, 'check GITHUB_API_URL points at the GitHub API');
  return Promise.all(list.map(async (entry: { id: number }) => (await getJson(`${base}/${entry.id}?includes_parents=true`, token)) as Ruleset));
}

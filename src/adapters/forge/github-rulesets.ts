// Reads a repository's live rulesets from the GitHub REST API (repository and organization ones, with their rules).
import type { Ruleset } from '../../core/forge/rulesets.js';
import { errors } from '../../errors.js';

const HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
  'user-agent': 'trunk-init',
};

async function getJson(url: string, token: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...HEADERS, authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw errors.forgeUnreachable(url, err);
  }
  if (!response.ok) throw errors.forgeRefused(url, response.status, response.statusText);
  return response.json();
}

/** Every ruleset that applies to `repo` ("owner/name"), each read in full (the list leaves out rules and bypass actors). */
export async function readGithubRulesets(api: string, repo: string, token: string): Promise<Ruleset[]> {
  const base = `${api.replace(/\/+$/, '')}/repos/${repo}/rulesets`;
  const list = await getJson(`${base}?includes_parents=true&per_page=100`, token);
  if (!Array.isArray(list)) throw errors.notRulesets(base);
  return Promise.all(
    list.map(
      async (entry: { id: number }) => (await getJson(`${base}/${entry.id}?includes_parents=true`, token)) as Ruleset,
    ),
  );
}

// The promotion gates of what a write moves, evaluated now: a release's (the freeze windows of every environment
// its tag moves), a promotion's (the promoted environment's soak and freeze), every environment's for `trunk env`;
// and the override record of `--force --reason` (who: git's committer, and the CI's user when run in one).
import { committer, type Repo } from '../adapters/git/repo.js';
import { evaluateGates, type EnvGates } from '../core/environments/gates.js';
import { movementOf } from '../core/environments/model.js';
import { overrideRecord } from '../core/environments/override.js';
import { movedBy, type EnvRef } from '../core/environments/resolve.js';
import { configuredTool, FALLBACK_TOOL } from '../core/gitops/registry.js';
import type { Policy } from '../core/policy/policy.js';

/** `--force --reason`: why, and who runs it in CI when it runs in one ("GitHub Actions: alice"). */
export interface OverrideRequest {
  reason: string;
  ci: string | null;
}

/** The freeze windows of the environments a new release tag `tag` moves (among `tags`, as their tool resolves them). */
export function releaseGates(policy: Policy, tags: readonly string[], tag: string): EnvGates[] {
  const tool = configuredTool(policy.gitops) ?? FALLBACK_TOOL;
  const now = Date.now();
  return movedBy(policy.environments, policy.trunk, tags, tag, tool)
    .filter((env) => env.promotion?.freeze?.length)
    .map((env) => ({ env: env.name, report: evaluateGates(env.promotion!, { kind: 'release' }, now) }));
}

/** The gates of promoting `refs[i]` from the environment before it (`waiting`: something is to be promoted). */
function promotionGate(refs: readonly EnvRef[], i: number, waiting: boolean, now: number): EnvGates {
  const { env } = refs[i];
  const up = refs[i - 1];
  const candidate =
    waiting && up?.kind === 'tag' ? { upstream: up.env.name, tag: up.tag, since: up.date * 1000 } : null;
  return { env: env.name, report: evaluateGates(env.promotion ?? {}, { kind: 'promotion', candidate }, now) };
}

/** The gates of promoting environment `name` now, from what the one before it runs. */
export function promotionGates(refs: readonly EnvRef[], name: string): EnvGates {
  return promotionGate(
    refs,
    refs.findIndex((r) => r.env.name === name),
    true,
    Date.now(),
  );
}

/** Every environment's gates now, for `trunk env` (`waiting(name)`: something is to be promoted into it). */
export function allGates(refs: readonly EnvRef[], waiting: (name: string) => boolean): EnvGates[] {
  const now = Date.now();
  const environments = refs.map((r) => r.env);
  return refs.flatMap((ref, i) => {
    if (!ref.env.promotion) return [];
    if (movementOf(environments, i) === 'promotion') return [promotionGate(refs, i, waiting(ref.env.name), now)];
    return [{ env: ref.env.name, report: evaluateGates(ref.env.promotion, { kind: 'release' }, now) }];
  });
}

/** The closed ones of `gates`. */
export const closed = (gates: readonly EnvGates[]) => gates.filter((g) => !g.report.open);

/** The override record of the closed gates in `gates` (none when all are open), signed by git's committer. */
export async function overrideLines(
  repo: Repo,
  gates: readonly EnvGates[],
  request: OverrideRequest | null,
): Promise<string[]> {
  const held = closed(gates);
  if (!request || held.length === 0) return [];
  const who = await committer(repo);
  return overrideRecord(held, { reason: request.reason, by: request.ci ? `${who} (${request.ci})` : who });
}

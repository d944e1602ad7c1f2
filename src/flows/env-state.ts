// Where every environment is: the refs read once, each environment resolved as its GitOps tool resolves it, and
// how each one would be promoted from there.
import { readRefFacts } from '../adapters/git/env-facts.js';
import type { Repo } from '../adapters/git/repo.js';
import { planPromotion, type Promotion } from '../core/environments/promote.js';
import { resolveEnvironments, type EnvRef, type RefFacts } from '../core/environments/resolve.js';
import { configuredTool, FALLBACK_TOOL } from '../core/gitops/registry.js';
import type { GitopsTool } from '../core/gitops/tool.js';
import type { Policy } from '../core/policy/policy.js';

export interface EnvState {
  facts: RefFacts & { branches: string[]; tagNames: string[] };
  refs: EnvRef[];
  /** The tool whose resolution rules apply: the configured one, else Argo CD's (the stricter reader). */
  tool: GitopsTool;
}

export async function readEnvState(repo: Repo, policy: Policy): Promise<EnvState> {
  const facts = await readRefFacts(repo, policy.trunk, policy.tagPrefix);
  const tool = configuredTool(policy.gitops) ?? FALLBACK_TOOL;
  return { facts, refs: resolveEnvironments(policy.environments, facts, tool), tool };
}

/** How environment `name` would be promoted, from the refs as they are (every tag name counts as taken). */
export const promotionOf = (state: EnvState, policy: Policy, name: string): Promotion =>
  planPromotion(state.refs, name, { tagPrefix: policy.tagPrefix, allTags: state.facts.tagNames, trunk: policy.trunk });

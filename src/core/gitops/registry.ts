// The GitOps tools trunk-init writes manifests for and resolves ranges as: one line a tool. Their ids are also the
// enum of gitops.tool in schema/trunk.schema.json, which refuses any other in a config (a test keeps the two equal).
import { argocd } from './tools/argocd.js';
import { flux } from './tools/flux.js';
import type { GitopsTool } from './tool.js';

export const GITOPS_TOOLS: readonly GitopsTool[] = [argocd, flux];

/** The tool whose reading `trunk env` resolves with when the config names none: Argo CD's, the stricter. */
export const FALLBACK_TOOL: GitopsTool = argocd;

export const findGitopsTool = (id: string): GitopsTool | undefined => GITOPS_TOOLS.find((tool) => tool.id === id);

/** The tool a validated config names in gitops.tool, or undefined when it names none. */
export function configuredTool(gitops: { tool?: string }): GitopsTool | undefined {
  if (gitops.tool === undefined) return undefined;
  const tool = findGitopsTool(gitops.tool);
  // The schema's enum refused any other id already: this is the registry and the schema disagreeing.
  if (!tool) throw new Error(`gitops.tool "${gitops.tool}" passed the schema but is not in core/gitops/registry.ts`);
  return tool;
}

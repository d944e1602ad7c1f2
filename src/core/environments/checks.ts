// What `trunk env` warns about: tags Argo CD or Flux would misread, and environments out of order.
import { gt } from 'semver';
import { parseTag } from '../versioning/tag.js';
import { argocd } from '../gitops/tools/argocd.js';
import { flux } from '../gitops/tools/flux.js';
import type { EnvRef, TagFact } from './resolve.js';

export interface EnvWarning {
  code: string;
  message: string;
}

/** An adjacent pair of environments: what the upstream runs that the downstream does not, and the reverse. */
export interface PairFacts {
  from: string;
  to: string;
  /** Commits in `from` and not in `to`, newest first. */
  waiting: { sha: string; subject: string }[];
  /** Release tags on those commits. */
  tags: string[];
  /** How many commits are in `to` and not in `from` (more than 0: the downstream is not simply behind). */
  ahead: number;
  /** The workload files (under the deploy path) that differ between the two, with lines added and removed. */
  changes: { path: string; added: number; removed: number }[];
}

/** Tags the GitOps tools would misread or pick against our intent, and branches that shadow a tag. */
export function lintTags(tags: readonly TagFact[], branches: readonly string[], tagPrefix: string): EnvWarning[] {
  const warnings: EnvWarning[] = [];
  const branchSet = new Set(branches);
  for (const { name } of tags) {
    if (branchSet.has(name))
      warnings.push({
        code: 'TAG_BRANCH_CLASH',
        message: `branch ${name} has the same name as tag ${name}: Argo CD may flip between them; rename the branch`,
      });
    const argo = argocd.readTag(name);
    const fluxRead = flux.readTag(name);
    if (argo.kind === 'fatal')
      warnings.push({
        code: 'TAG_ZERO_PADDED',
        message: `tag ${name} has a zero-padded prerelease number: Argo CD then fails to resolve every range in this repository (Flux skips it); use -rc.N without leading zeros`,
      });
    else if (argo.kind === 'version' && fluxRead.kind === 'skip')
      warnings.push({
        code: 'TAG_SHORT',
        message: `tag ${name} has fewer than three version parts: Flux ignores it and Argo CD reads it as ${argo.version}; use ${tagPrefix}X.Y.Z`,
      });
    else if (argo.kind === 'version' && parseTag(name, tagPrefix) === null)
      warnings.push({
        code: 'TAG_FOREIGN',
        message: `tag ${name} is not a release tag (${tagPrefix}X.Y.Z, setting "tagPrefix"), yet Argo CD and Flux read it as ${argo.version}, so a range can pick it; rename or delete it`,
      });
    if (argo.kind === 'version' && /-(.+\.)?[A-Za-z-]+\d+(\.|$)/.test(argo.version))
      warnings.push({
        code: 'TAG_PRERELEASE_FORMAT',
        message: `tag ${name} numbers its prerelease without a dot: it compares as text, so rc9 sorts above rc.10 in Argo CD and Flux; use -rc.N`,
      });
  }
  return warnings;
}

/** Order and reachability problems between the resolved environments. */
export function checkOrder(refs: readonly EnvRef[], pairs: readonly PairFacts[], trunk: string): EnvWarning[] {
  const warnings: EnvWarning[] = [];
  for (const ref of refs) {
    if (ref.kind === 'unresolved') warnings.push({ code: 'UNRESOLVED', message: `${ref.env.name}: ${ref.reason}` });
    if (ref.kind === 'tag' && !ref.onTrunk)
      warnings.push({
        code: 'TAG_OFF_TRUNK',
        message: `${ref.env.name} runs ${ref.tag}, which is not on ${trunk} (a hotfix?): make sure the fix is on ${trunk} too`,
      });
  }
  for (const pair of pairs) {
    const up = refs.find((r) => r.env.name === pair.from)!;
    const down = refs.find((r) => r.env.name === pair.to)!;
    if (up.kind === 'tag' && down.kind === 'tag' && gt(down.version, up.version))
      warnings.push({
        code: 'DOWNSTREAM_AHEAD',
        message: `${down.env.name} runs ${down.version}, above ${up.env.name}'s ${up.version}: promotion goes the other way`,
      });
    else if (pair.ahead > 0)
      warnings.push({
        code: 'DOWNSTREAM_AHEAD',
        message: `${down.env.name} runs ${pair.ahead} commit${pair.ahead > 1 ? 's' : ''} that ${up.env.name} does not have`,
      });
  }
  return warnings;
}

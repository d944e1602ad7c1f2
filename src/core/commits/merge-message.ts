// Merge commit messages in the wordings of git, GitLab, Gitea and GitHub: the branch a subject says it merges (a
// claim, not a proof: the merged commits are linted whatever the subject says, docs/security.md), and the message
// git, GitHub or GitLab writes when it merges a branch or a pull request (`trunk check --summary` makes that merge).
import { oneLine } from '../text.js';

const WORDINGS: RegExp[] = [
  // git merge (also GitLab's "Merge branch 'x' into 'main'"); the first branch of an octopus.
  /^Merge branch(?:es)? '([^']+)'/,
  // git merge origin/feature/x: the remote's name comes first.
  /^Merge remote-tracking branch '[^/']+\/([^']+)'/,
  // Gitea and Forgejo: "Merge pull request 'title' (#12) from feature/x into main".
  /^Merge pull request '.*' \(#\d+\) from (\S+) into \S+$/,
  // GitHub: "Merge pull request #12 from owner/feature/x".
  /^Merge pull request #\d+ from [^/\s]+\/(\S+)$/,
];

/** The merged branch's name, or null when the subject is not a merge message a tool writes. */
export function mergedBranchOf(subject: string): string | null {
  for (const wording of WORDINGS) {
    const match = wording.exec(subject);
    if (match) return match[1];
  }
  return null;
}

/** What `git merge <source>` writes on `target` (git leaves out " into main" and " into master"). */
export const gitMergeMessage = (source: string, target: string): string =>
  `Merge branch '${source}'${target === 'main' || target === 'master' ? '' : ` into ${target}`}`;

/** GitHub's default merge commit: "Merge pull request #12 from owner/branch", then the title. */
export const githubMergeMessage = (number: number, owner: string, branch: string, title: string | null): string =>
  `Merge pull request #${number} from ${owner}/${branch}${title ? `\n\n${oneLine(title)}` : ''}`;

/** GitLab's default merge commit template, without the issues it closes: the branches, the title, the reference. */
export const gitlabMergeMessage = (source: string, target: string, title: string | null, reference: string): string =>
  `Merge branch '${source}' into '${target}'\n\n${title ? `${oneLine(title)}\n\n` : ''}See merge request ${reference}`;

// The branch a merge commit's subject says it merges, in the wordings of git, GitLab, Gitea and GitHub. A claim,
// not a proof: the merged commits are linted whatever the subject says (docs/security.md).

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

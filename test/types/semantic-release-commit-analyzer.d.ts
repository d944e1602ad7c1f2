// The analyzer ships no types; this is the part of its API the differential test calls.
declare module '@semantic-release/commit-analyzer' {
  export function analyzeCommits(
    pluginConfig: { preset?: string },
    context: { commits: { hash: string; message: string }[]; logger: { log(...args: unknown[]): void }; cwd?: string },
  ): Promise<'major' | 'minor' | 'patch' | null>;
}

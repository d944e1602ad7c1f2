// `trunk notes [--from REF] [--to REF] [--json]`: release notes for any range, writing nothing.
import { loadPolicy } from '../../adapters/config/load.js';
import { openRepo } from '../../adapters/git/repo.js';
import { Exit } from '../../errors.js';
import { rangeNotes } from '../../flows/notes.js';
import { nextRelease, releaseJson } from '../../flows/release.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { VERSION } from '../version.js';

export const run: Command = defineCommand(USAGE.notes, async ({ values }, io) => {
  const repo = await openRepo(io.cwd);
  const loaded = await loadPolicy(repo.root, repo.commonDir, VERSION);
  if (!values.from && !values.to) {
    // What the next release would contain: last release to HEAD, versioned as `trunk release` would.
    const decided = await nextRelease(repo, loaded, io.env.SOURCE_DATE_EPOCH);
    if (values.json) io.outJson(releaseJson(decided));
    else if (decided.next) io.out(decided.next.notes);
    else io.err(`trunk: nothing releasable since ${decided.previousTag ?? 'the start'}.`);
    return Exit.Ok;
  }
  const range = await rangeNotes(repo, loaded.policy, { from: values.from, to: values.to }, io.env.SOURCE_DATE_EPOCH);
  if (values.json) io.outJson(range);
  else io.out(range.notes);
  return Exit.Ok;
});

// `trunk notes [--from REF] [--to REF] [--json]`: release notes for any range, writing nothing.
import { loadPolicy } from '../../adapters/config/load.js';
import { readAnalysis, readReleaseFacts } from '../../adapters/git/release-facts.js';
import { openRepo } from '../../adapters/git/repo.js';
import { lastRelease } from '../../core/versioning/plan.js';
import { Exit, errors } from '../../errors.js';
import { notesFor } from '../../flows/notes.js';
import { defineCommand, USAGE } from '../args.js';
import type { Command } from '../main.js';
import { prepareRelease, releaseJson } from '../release-flow.js';
import { VERSION } from '../version.js';

export const run: Command = defineCommand(USAGE.notes, async ({ values }, io) => {
  const repo = await openRepo(io.cwd);
  const { policy } = await loadPolicy(repo.root, repo.commonDir, VERSION);
  const facts = await readReleaseFacts(repo, policy);
  if (!values.from && !values.to) {
    // What the next release would contain: last release to HEAD, versioned as `trunk release` would.
    const prepared = await prepareRelease(repo, policy, facts, { epoch: io.env.SOURCE_DATE_EPOCH });
    if (values.json) io.out(JSON.stringify(releaseJson(prepared)));
    else if (prepared.next) io.out(prepared.next.notes);
    else io.err(`trunk: nothing releasable since ${prepared.previousTag ?? 'the start'}.`);
    return Exit.Ok;
  }
  const from = values.from ?? lastRelease(facts.reachableTags, policy.tagPrefix).tag;
  const to = values.to ?? 'HEAD';
  let analysis;
  try {
    analysis = await readAnalysis(repo, from, to, policy);
  } catch (err) {
    throw errors.badRange(`${from ?? ''}..${to}`, err);
  }
  const notes = await notesFor(analysis.noteworthy, { version: to, tag: to, previousTag: from }, { originUrl: facts.originUrl, epoch: io.env.SOURCE_DATE_EPOCH });
  if (values.json) io.out(JSON.stringify({ from, to, bump: analysis.bump, commits: analysis.commits, notes }));
  else io.out(notes);
  return Exit.Ok;
});

// `trunk check --summary`: the preview of a pull request's merge, worded as Markdown for a job summary or a merge
// request note, and as JSON. The Markdown is a list of sections (a heading and its body), so another one is one more
// entry. Text from the pull request and the repository (branch and tag names, the notes, the check's problems) goes
// in code spans, code blocks and Mermaid entity codes only (core/markdown.ts, core/environments/diagram.ts).
import { flowchart } from '../core/environments/diagram.js';
import { describeRuns, type EnvMove } from '../core/environments/preview.js';
import { cellSpan, codeBlock, codeSpan } from '../core/markdown.js';
import { markdownSection, sectionJson } from '../core/render/report.js';
import type { MergePreview, MoveRendering } from '../flows/preview.js';
import { releaseJson } from '../flows/release.js';
import { gatesJson, releaseHeld } from './gates.js';

export interface Section {
  title: string;
  /** Markdown. */
  body: string;
}

/** The pull request the summary is for, and the check's verdict on it (its text, as printed). */
export interface SummaryRequest {
  source: string | null;
  head: string;
  target: string;
  refused: boolean;
  verdict: string;
}

/** The first line of every summary: a bot finds the note it wrote before by it. */
const SUMMARY_MARKER = '<!-- trunk check --summary -->';

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function checkSection(request: SummaryRequest): Section {
  const verdict = request.refused ? '**Refused**: it cannot be merged as it is.' : '**Every rule holds.**';
  return { title: 'Check', body: `${verdict}\n\n${codeBlock(request.verdict)}` };
}

function releaseSection({ merge, release, frozen }: MergePreview, target: string): Section {
  const since = release.previousTag ? `since ${codeSpan(release.previousTag)}` : 'since the start';
  const lines: string[] = [];
  if (merge.conflicts)
    lines.push(
      `⚠️ It conflicts with ${codeSpan(target)}: the forge cannot merge it until that is resolved. Below is what its commits call for.`,
    );
  lines.push(...release.warnings.map((w) => `⚠️ ${codeSpan(w)}`));
  if (release.next && frozen.length)
    lines.push(
      '⚠️ A freeze window holds it: the release job would refuse to cut it now.',
      codeBlock(releaseHeld(release.next.tag, frozen)),
    );
  if (!release.next)
    lines.push(
      `Merging it releases nothing: none of the ${plural(release.commits, 'commit')} ${since} is a feat, fix, perf, revert or breaking change.`,
    );
  else
    lines.push(
      `Merging it releases **${codeSpan(release.next.tag)}** (a ${release.bump} bump, ${plural(release.commits, 'commit')} ${since}). The notes, as \`trunk release\` will write them:`,
      codeBlock(release.next.notes),
    );
  return { title: 'Release', body: lines.join('\n\n') };
}

const when = (move: EnvMove, tag: string | null) =>
  move.when === 'merge'
    ? 'on the merge'
    : move.when === 'release'
      ? `when ${cellSpan(tag ?? '')} is cut`
      : `stays: ${cellSpan(move.stays ?? '')}`;

function environmentsSection(preview: MergePreview, mermaid: string): Section {
  if (preview.environments.length === 0)
    return { title: 'Environments', body: 'None: the config lists no `environments`.' };
  const tag = preview.release.next?.tag ?? null;
  const rows = preview.environments.map(
    (m) =>
      `| ${cellSpan(m.name)} | ${cellSpan(describeRuns(m.now))} | ${cellSpan(describeRuns(m.after))} | ${when(m, tag)} |`,
  );
  return {
    title: 'Environments',
    body: [
      `\`\`\`mermaid\n${mermaid}\`\`\``,
      ['| environment | runs now | after the merge | moves |', '|---|---|---|---|', ...rows].join('\n'),
    ].join('\n\n'),
  };
}

/** What the first environment that moves would change, rendered as `trunk env diff` renders it. */
function renderedSection(rendered: MoveRendering): Section {
  const title = `What changes in ${rendered.env}`;
  if (rendered.kind === 'failed') return { title, body: `Not rendered: ${codeSpan(rendered.message)}` };
  return {
    title,
    body: rendered.sections
      .flatMap((section) => markdownSection(section, 5))
      .join('\n')
      .trimEnd(),
  };
}

const diagramOf = (preview: MergePreview, request: SummaryRequest) =>
  flowchart(
    { source: request.source ?? request.head, target: request.target, release: preview.release.next?.tag ?? null },
    preview.environments,
    preview.waits,
  );

/** The summary's sections, in order. */
export function summarySections(preview: MergePreview, request: SummaryRequest): Section[] {
  return [
    checkSection(request),
    releaseSection(preview, request.target),
    environmentsSection(preview, diagramOf(preview, request)),
    ...(preview.rendered ? [renderedSection(preview.rendered)] : []),
  ];
}

/** The Markdown document: the marker, a heading naming the pull request, then each section. */
export function renderSummary(request: SummaryRequest, sections: readonly Section[]): string {
  const heading = `### trunk check: ${codeSpan(request.source ?? request.head)} into ${codeSpan(request.target)}`;
  return `${[SUMMARY_MARKER, heading, ...sections.map((s) => `#### ${s.title}\n\n${s.body}`)].join('\n\n')}\n`;
}

/** The same facts for --json: the merge, the release as `trunk release --json` gives it, each environment, the diagram. */
export const previewJson = (preview: MergePreview, request: SummaryRequest) => ({
  merge: preview.merge,
  release: releaseJson(preview.release),
  environments: preview.environments,
  waits: preview.waits,
  mermaid: preview.environments.length ? diagramOf(preview, request) : null,
  frozen: preview.frozen.map(gatesJson),
  rendered:
    preview.rendered?.kind === 'rendered'
      ? { ...preview.rendered, sections: preview.rendered.sections.map(sectionJson) }
      : preview.rendered,
});

// The environments as a Mermaid flowchart, which GitHub and GitLab draw from a Markdown code block (`trunk check
// --summary`): a node per environment with the ref and version it runs and will run, an edge between neighbours in
// promotion order with what waits, and the pull request, with an edge to each environment it moves. Labels hold text
// from branch and tag names: every character Mermaid could read as syntax is written as its entity code (`#35;` for
// `#`), which Mermaid shows as the character, so no name can end a label, add a node or an edge, or style one.
import { printable } from '../text.js';
import { describeRuns, type EnvMove, type Wait } from './preview.js';

/**
 * `text` for a quoted Mermaid label: letters, digits and plain punctuation as they are, anything else as `#<code>;`.
 * The words `style` and `classDef` get their first letter coded too: on a line holding one of them, a colon and a
 * `#`, Mermaid drops the line's last `;` (for colours like `fill:#fff;`), which would spoil the codes after it.
 */
export const mermaidText = (text: string): string =>
  printable(text)
    .replace(/[^A-Za-z0-9 .,:/+_@()-]/gu, (c) => `#${c.codePointAt(0)};`)
    .replace(/(s)(?=tyle)|(c)(?=lassDef)/g, (c) => `#${c.codePointAt(0)};`);

/** A quoted label of `lines`. */
const label = (...lines: string[]) => `"${lines.map(mermaidText).join('<br/>')}"`;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function waitLabel(wait: Wait): string {
  if (wait.commits === 0) return 'nothing waits';
  const versions = wait.versions ? `, ${count(wait.versions, 'version')}` : '';
  return `${count(wait.commits, 'commit')}${versions} ${wait.commits + wait.versions === 1 ? 'waits' : 'wait'}`;
}

export interface DiagramRequest {
  source: string | null;
  target: string;
  /** The tag the merge releases, or null. */
  release: string | null;
}

/** The flowchart's Mermaid source. */
export function flowchart(request: DiagramRequest, moves: readonly EnvMove[], waits: readonly Wait[]): string {
  const id = (name: string) => `env${moves.findIndex((m) => m.name === name)}`;
  const into = `${request.source ?? 'HEAD'} into ${request.target}`;
  const lines = [
    'flowchart LR',
    `  pr([${label('pull request', into, request.release ? `releases ${request.release}` : 'releases nothing')}])`,
    ...moves.map(
      (m) => `  ${id(m.name)}[${label(m.name, describeRuns(m.now), m.when ? `→ ${describeRuns(m.after)}` : 'stays')}]`,
    ),
    ...moves.slice(1).map((m, i) => {
      const wait = waits.find((w) => w.from === moves[i].name && w.to === m.name);
      return `  ${id(moves[i].name)} -->${wait ? `|${label(waitLabel(wait))}|` : ''} ${id(m.name)}`;
    }),
    ...moves.flatMap((m) =>
      m.when
        ? [`  pr -.->|${label(m.when === 'merge' ? 'on merge' : `at release ${request.release}`)}| ${id(m.name)}`]
        : [],
    ),
    '  classDef moves stroke:#1a7f37,stroke-width:3px',
    '  classDef request stroke-dasharray:5 5',
    '  class pr request',
  ];
  const moved = moves.filter((m) => m.when).map((m) => id(m.name));
  if (moved.length) lines.push(`  class ${moved.join(',')} moves`);
  return `${lines.join('\n')}\n`;
}

// Mermaid's own parser (the mermaid package, as GitHub and GitLab run it in the browser) for the flowcharts `trunk
// check --summary` draws. It needs a DOM, so it runs in a worker thread with linkedom's window, away from the tests'
// globals. What comes back is what the diagram holds: each node with its label's lines as Mermaid shows them
// (entity codes decoded), and each edge.
import { Worker } from 'node:worker_threads';

export interface Flowchart {
  nodes: { id: string; lines: string[]; classes: string[] }[];
  edges: { from: string; to: string; label: string; stroke: string }[];
}

const start = () =>
  new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
  import(workerData.linkedom)
    .then(({ parseHTML }) => {
      // DOMPurify, which mermaid loads, takes the window it finds when it is loaded.
      const { window } = parseHTML('<html><body></body></html>');
      Object.assign(globalThis, { window, document: window.document });
      return import(workerData.mermaid);
    })
    .then(({ default: mermaid }) => {
      parentPort.on('message', async ({ id, source }) => {
        try {
          await mermaid.parse(source);
          const { db } = await mermaid.mermaidAPI.getDiagramFromText(source);
          const nodes = [...db.getVertices().values()].map((v) => ({ id: v.id, text: v.text, classes: v.classes }));
          const edges = db.getEdges().map((e) => ({ from: e.start, to: e.end, text: e.text, stroke: e.stroke }));
          parentPort.postMessage({ id, result: { nodes, edges } });
        } catch (err) {
          parentPort.postMessage({ id, error: String(err?.message ?? err) });
        }
      });
    });`,
    { eval: true, workerData: { linkedom: import.meta.resolve('linkedom'), mermaid: import.meta.resolve('mermaid') } },
  );
let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, (answer: { result?: RawChart; error?: string }) => void>();

/** Stops the worker, for a suite's `after` (the next parse starts another). */
export async function closeMermaid(): Promise<void> {
  await worker?.terminate();
  worker = null;
}

interface RawChart {
  nodes: { id: string; text: string; classes: string[] }[];
  edges: { from: string; to: string; text: string; stroke: string }[];
}

/** What Mermaid shows for a label: its placeholders for entity codes decoded, then the codes themselves. */
const shown = (text: string) =>
  text
    .replace(/ﬂ°°/g, '&#')
    .replace(/ﬂ°/g, '&')
    .replace(/¶ß/g, ';')
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)));

/** The flowchart as Mermaid parses it; throws Mermaid's parse error. */
export async function parseFlowchart(source: string): Promise<Flowchart> {
  const answer = await new Promise<{ result?: RawChart; error?: string }>((resolve) => {
    const id = ++nextId;
    pending.set(id, resolve);
    if (!worker) {
      worker = start();
      worker.on('message', ({ id: answered, ...rest }) => pending.get(answered)!(rest));
    }
    worker.postMessage({ id, source });
  });
  if (answer.error !== undefined) throw new Error(answer.error);
  const { nodes, edges } = answer.result!;
  return {
    nodes: nodes.map((n) => ({ id: n.id, lines: shown(n.text).split('<br/>'), classes: n.classes })),
    edges: edges.map((e) => ({ from: e.from, to: e.to, label: shown(e.text), stroke: e.stroke })),
  };
}

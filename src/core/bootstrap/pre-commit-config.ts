// The `repo: local` block trunk-init adds to the pre-commit framework's .pre-commit-config.yaml (trunk's checks, run
// with `language: system` from node_modules/trunk-init, so nothing is downloaded), and taking it out again.
import { isMap, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { errors } from '../../errors.js';
import { TRUNK_HOOKS, type HookName } from '../hook-managers/hooks.js';
import { PRE_COMMIT_CONFIG, preCommitId, reposOf, stageName } from '../hook-managers/pre-commit.js';
import {
  appendToMap,
  appendToSeq,
  assertBlock,
  fillPair,
  indent,
  insertLines,
  isEmpty,
  lineStart,
  pairOf,
  parseYaml,
  removeItem,
  removePair,
  seqItem,
  seqLayout,
} from '../yaml-text.js';

/** pre-commit 3.2 and later name stages after the git hooks; older ones (Debian 12 has 3.0.4) know only `commit`, `push`. */
export type StageNames = 'hooks' | 'legacy';
const LEGACY: Partial<Record<string, string>> = { 'pre-commit': 'commit', 'pre-push': 'push' };

const MARK = '# trunk-init:';
const NAMES: Record<HookName, string> = {
  'pre-commit': 'trunk branch policy',
  'commit-msg': 'trunk commit message',
  'pre-push': 'trunk push policy',
  'post-merge': 'trunk release on merge',
};

/** One hook of trunk-init's block, as data (its lines are rendered from this). */
function entry(hook: HookName, names: StageNames) {
  return {
    id: preCommitId(hook),
    name: NAMES[hook],
    entry: `sh node_modules/trunk-init/hooks/check ${hook}`,
    language: 'system',
    stages: [names === 'legacy' ? (LEGACY[hook] ?? hook) : hook],
    // commit-msg is given the message file; the others take no file names (pre-push: pre-commit keeps git's stdin).
    ...(hook === 'commit-msg' ? {} : { pass_filenames: false }),
    // Run when no file matches too: an empty commit, a push of a merge, a merge.
    always_run: true,
    // post-merge says which release it cut; pre-commit shows a hook's output only on failure otherwise.
    ...(hook === 'post-merge' ? { verbose: true } : {}),
  };
}

const render = (value: unknown) => (Array.isArray(value) ? `[${value.join(', ')}]` : String(value));
const entryLines = (hook: HookName, names: StageNames) =>
  Object.entries(entry(hook, names)).map(([key, value]) => `${key}: ${render(value)}`);

/** How the file lays out a repo item: its content after the dash, and its `hooks` list (dash past the key, content past the dash). */
interface Layout {
  offset: number;
  hooksDash: number;
  hooksOffset: number;
}
const DEFAULT_LAYOUT: Layout = { offset: 2, hooksDash: 2, hooksOffset: 2 };

/** The layout of the first repo item with a block `hooks` list (pre-commit's sample writes `-   repo:` with the hooks' dashes under `hooks`). */
function layoutOf(text: string, list: YAMLSeq): Layout {
  const { offset } = seqLayout(text, list);
  for (const item of list.items) {
    const pair = pairOf(item, 'hooks');
    if (!pair || !isSeq(pair.value) || pair.value.flow || !pair.value.items.length) continue;
    const key = (pair.key as Node).range![0];
    const nested = seqLayout(text, pair.value);
    return { offset, hooksDash: nested.dash - (key - lineStart(text, key)), hooksOffset: nested.offset };
  }
  return { ...DEFAULT_LAYOUT, offset };
}

/** trunk-init's `repo: local` item: the marker comment, then the item, laid out relative to its dash. */
function blockLines(names: StageNames, layout: Layout = DEFAULT_LAYOUT): string[] {
  const hooks = TRUNK_HOOKS.flatMap((hook) => seqItem(entryLines(hook, names), layout.hooksOffset));
  return [
    `${MARK} trunk's hooks (npx trunk-init --uninstall removes them)`,
    ...seqItem(['repo: local', 'hooks:', ...indent(hooks, layout.hooksDash)], layout.offset),
  ];
}

const isOurs = (item: unknown): item is YAMLMap => {
  if (!isMap(item) || item.get('repo') !== 'local') return false;
  const hooks = item.get('hooks');
  return (
    isSeq(hooks) &&
    hooks.items.length > 0 &&
    hooks.items.every((h) => isMap(h) && TRUNK_HOOKS.some((hook) => h.get('id') === preCommitId(hook)))
  );
};

/** trunk-init's block as it stands, stage names read either way (`pre-commit migrate-config` renames them). */
const normalised = (item: YAMLMap) =>
  JSON.stringify(
    (item.toJSON() as { hooks: { stages?: string[] }[] }).hooks.map((h) => ({
      ...h,
      stages: h.stages?.map(stageName),
    })),
  );
const canonical = () => JSON.stringify(TRUNK_HOOKS.map((hook) => entry(hook, 'hooks')));

const installTypes = (doc: Document.Parsed) => doc.get('default_install_hook_types');
const typesLine = () =>
  `default_install_hook_types: [${TRUNK_HOOKS.join(', ')}]  ${MARK} \`pre-commit install\` sets these up`;

/** `text` (null: no config yet) with trunk-init's block and the hook types `pre-commit install` must set up; idempotent. */
export function withPreCommitEntries(text: string | null, names: StageNames, file = PRE_COMMIT_CONFIG): string {
  let out = text ?? '';
  let doc = parseYaml(out, file);
  // A new file, or one of comments only.
  if (isEmpty(doc.contents))
    return insertLines(out, out.length, [typesLine(), 'repos:', ...indent(blockLines(names), 2)]);
  if (!isMap(doc.contents))
    throw errors.hookConfigByHand(
      file,
      'is not a mapping of settings',
      `check ${file} with: pre-commit validate-config`,
    );
  const current = reposOf(doc)?.items.find(isOurs);
  if (!current || normalised(current) !== canonical()) {
    if (current) {
      out = removeItem(out, current, (line) => line.trim().startsWith(MARK));
      doc = parseYaml(out, file);
    }
    const list = reposOf(doc);
    const contents = doc.contents as YAMLMap;
    const pair = pairOf(doc.contents, 'repos');
    if (list && list.items.length) {
      assertBlock(list, file, 'repos', blockLines(names));
      out = appendToSeq(out, list, blockLines(names, layoutOf(out, list)));
    } else if (pair) out = fillPair(out, pair, blockLines(names), 2);
    else out = appendToMap(out, contents, ['repos:', ...indent(blockLines(names), 2)]);
    doc = parseYaml(out, file);
  }
  return withInstallTypes(out, doc);
}

/** default_install_hook_types with trunk's four hooks added (absent, pre-commit installs only its pre-commit hook). */
function withInstallTypes(text: string, doc: Document.Parsed): string {
  const types = installTypes(doc);
  if (types === undefined) return appendToMap(text, doc.contents as YAMLMap, [typesLine()]);
  if (!isSeq(types)) return text;
  const have = types.items.map((item) => String((item as { value?: unknown }).value));
  const missing = TRUNK_HOOKS.filter((hook) => !have.includes(hook));
  if (missing.length === 0) return text;
  if (!types.flow)
    return appendToSeq(
      text,
      types,
      missing.map((hook) => `- ${hook}`),
    );
  // A flow list: the missing names go in after its last item (or between the brackets), on the same line.
  const last = types.items.at(-1) as { range?: [number, number, number] } | undefined;
  const at = last?.range ? last.range[1] : types.range![0] + 1;
  return text.slice(0, at) + (last ? ', ' : '') + missing.join(', ') + text.slice(at);
}

/** `text` without trunk-init's block, and without the hook types line it added if nobody changed it since. */
export function withoutPreCommitEntries(text: string, file = PRE_COMMIT_CONFIG): string {
  let out = text;
  let doc = parseYaml(out, file);
  const current = reposOf(doc)?.items.find(isOurs);
  if (current) {
    out = removeItem(out, current, (line) => line.trim().startsWith(MARK));
    doc = parseYaml(out, file);
    const pair = pairOf(doc.contents, 'repos');
    // pre-commit needs `repos` to be a list, even an empty one.
    if (pair && !reposOf(doc))
      out = insertLines(removePair(out, pair), lineStart(out, (pair.key as Node).range![0]), ['repos: []']);
    doc = parseYaml(out, file);
  }
  const types = installTypes(doc);
  const pair = pairOf(doc.contents, 'default_install_hook_types');
  if (
    pair &&
    isSeq(types) &&
    types.comment?.trim().startsWith(MARK.slice(2)) &&
    JSON.stringify(types.toJSON()) === JSON.stringify(TRUNK_HOOKS)
  )
    out = removePair(out, pair);
  return out;
}

// The preset's commit partial as a plain function, for the part of handlebars it is written in. Handlebars renders a
// `{{#if}}` by building an options object, a hash, a source location and a fresh wrapper of its block, and looks
// every bare name up among its helpers first: at 45,000 commits that work, none of which reaches the notes, took
// 0.2 s of a 1.3 s release. The function reads the same template the writer would and gives its text for every
// context; anything it does not know, it declines (null when compiling, Unrenderable when rendering), and the writer
// renders with handlebars.
import Handlebars from 'handlebars';

/** The text of one commit, `context` the writer's copy of it and `root` its template context (`@root`). */
export type CommitLine = (context: unknown, root: unknown) => string;

/**
 * Thrown for a value handlebars would treat in a way this function does not: a function (it calls one), an inherited
 * property (it judges those), a value to print that is not text (it joins a block's values with `+`, so 1 and 1
 * print 2).
 */
export class Unrenderable extends Error {}

type Render = (context: unknown, root: unknown) => string;
type Path = (context: unknown, root: unknown) => unknown;

/** handlebars' `lookupProperty`, where an inherited property that is there is declined: handlebars would judge it. */
function property(parent: unknown, name: string): unknown {
  if (parent == null) return parent;
  const value = (parent as Record<string, unknown>)[name];
  if (value == null || Object.hasOwn(parent, name)) return value;
  throw new Unrenderable(`inherited ${name}`);
}

/** A value `#if` or `#each` may judge: handlebars calls a function (a lambda). */
function judged(value: unknown): unknown {
  if (typeof value === 'function') throw new Unrenderable('a function value');
  return value;
}

/** `@root.a.b`, `this.a`, `a.b`: the path's reader, or null. `root` and `this.root` are the partial's hash there. */
function pathOf(node: hbs.AST.Expression, mustache: boolean): Path | null {
  if (node.type !== 'PathExpression') return null;
  const path = node as hbs.AST.PathExpression;
  const parts = path.parts.map(String);
  if (path.depth !== 0 || parts.length === 0 || parts.includes('constructor')) return null;
  let start: Path;
  if (path.data) {
    if (parts.shift() !== 'root') return null; // @index, @key, @first: frames this function does not keep
    start = (_context, root) => root;
  } else {
    if (parts[0] === 'root') return null;
    const scoped = /^\.|this\b/.test(path.original); // handlebars' own test of a scoped path
    // A bare name is a helper's first: `{{log}}` calls one, and `{{toString}}` has handlebars judge Object's.
    if (mustache && !scoped && parts.length === 1 && parts[0] in Handlebars.helpers) return null;
    start = (context) => context;
  }
  return (context, root) => {
    let value = start(context, root);
    for (const part of parts) value = property(value, part);
    return value;
  };
}

function programOf(program: hbs.AST.Program | undefined): Render | null {
  if (!program) return () => '';
  if (program.blockParams?.length) return null;
  const parts: Render[] = [];
  for (const statement of program.body) {
    const part = statementOf(statement);
    if (!part) return null;
    parts.push(part);
  }
  return (context, root) => {
    let out = '';
    for (const part of parts) out += part(context, root);
    return out;
  };
}

/** handlebars' `if`: the block for a value that is truthy and not an empty array. */
const truthy = (value: unknown) => Boolean(value) && !(Array.isArray(value) && value.length === 0);

function statementOf(node: hbs.AST.Statement): Render | null {
  switch (node.type) {
    case 'ContentStatement': {
      const text = (node as hbs.AST.ContentStatement).value; // whitespace control is applied by parse()
      return () => text;
    }
    case 'CommentStatement':
      return () => '';
    case 'MustacheStatement': {
      const { path, params, hash } = node as hbs.AST.MustacheStatement;
      const read = params.length === 0 && !hash ? pathOf(path, true) : null;
      if (!read) return null;
      return (context, root) => {
        const value = read(context, root);
        if (value == null) return '';
        if (typeof value !== 'string') throw new Unrenderable('a value that is not text');
        return value; // the writer compiles with noEscape: as it is
      };
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
      if ((helper !== 'if' && helper !== 'each') || block.params.length !== 1 || block.hash) return null;
      const param = pathOf(block.params[0], false);
      const read: Path | null = param && ((context, root) => judged(param(context, root)));
      const fn = programOf(block.program);
      const inverse = programOf(block.inverse);
      if (!read || !fn || !inverse) return null;
      if (helper === 'if') return (context, root) => (truthy(read(context, root)) ? fn : inverse)(context, root);
      return (context, root) => {
        const list = read(context, root);
        if (list && typeof list === 'object') {
          if (!Array.isArray(list)) throw new Unrenderable('#each of an object'); // keys, iterators: declined
          let out = '';
          for (let i = 0; i < list.length; i++) if (i in list) out += fn(list[i], root);
          if (list.length > 0) return out;
        }
        return inverse(context, root);
      };
    }
    default:
      return null; // partials, decorators, sub-expressions, literals
  }
}

/** The partial `text` as a function, or null where it uses handlebars beyond paths, `#if` and `#each`. */
export function compileCommitLine(text: string): CommitLine | null {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(text);
  } catch {
    return null; // handlebars reports it when the writer compiles the partial
  }
  return programOf(program);
}

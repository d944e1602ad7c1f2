// Text that came from commits, tags or files, made safe to print or write: a terminal acts on control characters
// (ESC starts a sequence that can retitle the window, clear the screen or rewrite what was printed), so none
// reaches one. git objects keep the text verbatim; only what trunk-init prints or writes is cleaned.

/** C0 controls except tab and newline (so \r too), DEL, and C1 controls (U+0080–U+009F, U+009B is a one-character CSI). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without control characters; tabs and newlines are kept. Clean text is returned as it is: a replace that
 * finds nothing still copies it (the 6 MB notes of a 100,000-commit release). */
export const printable = (text: string): string => (text.search(CONTROL) === -1 ? text : text.replace(CONTROL, ''));

/** `text` on one line: printable(), with tabs and newlines as spaces (a title or a name inside other text). */
export const oneLine = (text: string): string => printable(text).replace(/[\t\n]/g, ' ');

/** `text` as one word for a POSIX shell, for commands printed to copy: bare when safe, else single-quoted. */
export const shellWord = (text: string): string =>
  /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;

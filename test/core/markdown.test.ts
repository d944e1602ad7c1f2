// Text that is not ours, in Markdown (core/markdown.ts), rendered by markdown-it with raw HTML allowed (as GitHub and
// GitLab take it before sanitising): it comes out as code holding exactly that text, and nothing of it is read as
// HTML, Markdown, a mention or a GitLab quick action.
import MarkdownIt from 'markdown-it';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cellSpan, codeBlock, codeSpan } from '../../src/core/markdown.js';

const test = suite('markdown for text that is not ours');
const md = new MarkdownIt({ html: true });
const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const HOSTILE_LINES = [
  'feat: add <img src=x onerror=alert(1)> for @all, closes #1 and !2',
  '`` a ` b ``` c',
  '` starts and ends with a backtick `',
  ' spaces around ',
  '**bold** [link](javascript:alert(1)) ![pixel](https://evil.example/p.png) <!-- comment',
  '# v9.9.9 | a | b |',
];

for (const text of HOSTILE_LINES)
  test(`codeSpan: ${JSON.stringify(text)} is one code span holding the text`, () => {
    assert.is(md.render(`before ${codeSpan(text)} after`), `<p>before <code>${escapeHtml(text)}</code> after</p>\n`);
  });

test('codeSpan puts a multi-line text on one line, without control characters', () => {
  assert.is(codeSpan('a\nb\tc\u001b[2Jd'), '`a b c[2Jd`');
  assert.is(codeSpan(''), '');
});

test('cellSpan keeps a | inside its table cell', () => {
  const html = md.render(`| a | b |\n|---|---|\n| ${cellSpan('x | y')} | z |\n`);
  assert.match(html, '<td><code>x | y</code></td>\n<td>z</td>');
});

test('codeBlock: release notes holding fences, HTML, a heading and quick actions are one code block, byte for byte', () => {
  const notes = [
    '## 1.1.0 (2026-01-01)',
    '',
    '### ⚠ BREAKING CHANGES',
    '',
    '* drops the v1 API',
    '```',
    '/merge',
    '/approve',
    '</pre><img src=x onerror=alert(1)>',
    '   ~~~',
    '# v9.9.9 is released @all',
    '',
  ].join('\n');
  const block = codeBlock(notes);
  assert.not.match(block, /^\S/m, 'every line is indented: none starts a fence, a heading or a quick action');
  const html = md.render(`text\n\n${block}\n\nafter`);
  assert.is(html, `<p>text</p>\n<pre><code>${escapeHtml(notes)}</code></pre>\n<p>after</p>\n`);
});

test.run();

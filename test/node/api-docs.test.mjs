// The docs stay true to the code and to each other: docs/api.md is what scripts/api-docs.mjs generates from
// custom-elements.json and the exported types now (run `npm run docs` after changing the API), and every
// relative link in README.md, CONTRIBUTING.md, SECURITY.md and docs/*.md reaches a file that exists, and an
// `#anchor` into a Markdown file reaches one of its headings (GitHub's slugs).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { API_DOCS, generateApiDocs } from '../../scripts/api-docs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pages = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

test(`${API_DOCS} is what npm run docs generates from custom-elements.json now`, () => {
  const committed = readFileSync(join(root, API_DOCS), 'utf8').split('\n');
  const generated = generateApiDocs().split('\n');
  const line = generated.findIndex((text, index) => text !== committed[index]);
  const at = line < 0 ? committed.length : line;
  assert.ok(
    line < 0 && committed.length == generated.length,
    `${API_DOCS} is out of date: run npm run docs (node scripts/api-docs.mjs) and commit it. ` +
      `First difference, line ${at + 1}:\n  committed: ${committed[at] ?? '(end of file)'}\n  generated: ${generated[at] ?? '(end of file)'}`,
  );
});

/** Each line of a Markdown text outside fenced code blocks, with its number, inline code spans blanked. */
const prose = (/** @type {string} */ text) => {
  /** @type {{ line: string, number: number }[]} */
  const lines = [];
  let fence = '';
  text.split('\n').forEach((line, index) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (opening && opening[0] == fence[0] && opening.length >= fence.length && line.trim() == opening) fence = '';
      return;
    }
    if (opening) return void (fence = opening);
    lines.push({ line: line.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ''), number: index + 1 });
  });
  return lines;
};

/** The anchors GitHub gives a Markdown file's headings (and its `<a id>` / `<a name>` anchors). */
const anchorsOf = (/** @type {string} */ text) => {
  const anchors = new Set();
  /** @type {Map<string, number>} */
  const seen = new Map();
  let fence = '';
  for (const line of text.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (opening && opening[0] == fence[0] && line.trim() == opening) fence = '';
      continue;
    }
    if (opening) {
      fence = opening;
      continue;
    }
    for (const [, id] of line.matchAll(/<a\s[^>]*?(?:id|name)="([^"]+)"/g)) anchors.add(id);
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading == undefined) continue;
    // GitHub's slug: the heading's text (no Markdown), lower case, without punctuation, spaces as hyphens;
    // a repeated slug gets -1, -2 ….
    const plain = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*~]/g, '');
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
};

/** Every link target in a Markdown text: inline links and images, reference definitions, HTML href/src. */
const linksOf = (/** @type {string} */ text) => {
  /** @type {{ target: string, number: number }[]} */
  const links = [];
  for (const { line, number } of prose(text)) {
    for (const [, target] of line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) links.push({ target, number });
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/.exec(line)?.[1];
    if (definition) links.push({ target: definition, number });
    for (const [, target] of line.matchAll(/\b(?:href|src)="([^"]*)"/g)) links.push({ target, number });
  }
  return links;
};

for (const page of pages.filter((name) => existsSync(join(root, name)))) {
  test(`every relative link in ${page} resolves`, () => {
    const broken = [];
    for (const { target, number } of linksOf(readFileSync(join(root, page), 'utf8'))) {
      if (!target || /^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const [path = '', anchor] = target.split('#');
      const file = path ? join(dirname(join(root, page)), decodeURIComponent(path.split('?')[0] ?? '')) : join(root, page);
      const where = `${page}:${number} → ${target}`;
      if (!existsSync(file)) {
        broken.push(`${where}: no such file (${relative(root, file)})`);
        continue;
      }
      if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor))) {
        broken.push(`${where}: no heading with that anchor in ${relative(root, file)}`);
      }
    }
    assert.deepEqual(broken, []);
  });
}

test('the link check reads headings as GitHub does', () => {
  const anchors = anchorsOf(
    [
      '# Server side: `pay-checkout/server`',
      '## Intent and action',
      '## Offline mode (static hosting, no server)',
      '## Offline mode (static hosting, no server)',
      '```md',
      '# not a heading',
      '```',
      '### `PayTokenDetail`',
      '## Caf\u00e9 & more',
    ].join('\n'),
  );
  assert.deepEqual(
    [...anchors],
    [
      'server-side-pay-checkoutserver',
      'intent-and-action',
      'offline-mode-static-hosting-no-server',
      'offline-mode-static-hosting-no-server-1',
      'paytokendetail',
      'caf\u00e9--more',
    ],
  );
  assert.deepEqual(
    linksOf('[a](docs/x.md#y) `[b](ignored.md)` ![c](img.png "t")\n```\n[d](in-code.md)\n```\n[e]: ref.md').map((link) => link.target),
    ['docs/x.md#y', 'img.png', 'ref.md'],
  );
});

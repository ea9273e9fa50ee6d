// Where the bytes go: each file of the self-contained build split by what its code is for (Lit, the
// element, texts, styles, each provider, …), read from its sourcemap. A part's gzip cost in a file is
// measured by leaving it out: gzip -9 of the whole file minus gzip -9 of the file without that part's
// characters (what it really adds, given that gzip shares repeats across parts). So the parts of a file do
// not add up to the file exactly; the remainder is printed as "shared by the parts".
// @ts-check
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { CDN_DIR, gzipSize } from './sizes.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** The part of the product a source file belongs to, by its path (first match wins). */
const PARTS = /** @type {const} */ ([
  ['Lit', /node_modules\/(lit|lit-html|lit-element|@lit)\//],
  ['styles', /\.styles\.ts$/],
  ['English texts', /src\/locales\/en\.ts$/],
  ['other locales', /src\/locales\/(?!en\.ts|index\.ts|translation\.ts)[^/]+\.ts$/],
  ['token lifecycle', /src\/internal\/token-source\.ts$/],
  ['saved cards', /src\/providers\/pekopay\/saved-cards\.ts$/],
  ['PekoPay adapter', /src\/providers\/pekopay\//],
  ['Reepay adapter', /src\/providers\/reepay\//],
  ['Paiwise adapter', /src\/providers\/paiwise\//],
  ['hosted checkout', /src\/providers\/hosted\//],
  ['action POST', /src\/internal\/action\.ts$/],
  ['forms', /src\/controllers\/form-[\w-]+\.ts$/],
  ['element', /src\//],
]);
const GLUE = 'module glue';

/** @param {string | null} source */
const partOf = (source) => {
  if (!source) return GLUE;
  const path = source.split('\\').join('/');
  return PARTS.find(([, pattern]) => pattern.test(path))?.[0] ?? GLUE;
};

/**
 * The gzip cost of each part in one file of dist/cdn (relative path), by leaving it out.
 * @param {string} file
 * @returns {Record<string, number>}
 */
export function attributeFile(file) {
  const path = join(CDN_DIR, file);
  const code = readFileSync(path, 'utf8');
  const map = new TraceMap(readFileSync(`${path}.map`, 'utf8'));
  const mapDir = dirname(path);
  /** @type {Map<string, string>} the part of each source, resolved once */
  const partBySource = new Map();
  /** @type {string[]} the part of each character of `code` */
  const parts = [];
  const lines = code.split('\n');
  lines.forEach((line, index) => {
    let part = GLUE;
    for (let column = 0; column < line.length; column++) {
      const { source } = originalPositionFor(map, { line: index + 1, column });
      // A character without a mapping belongs with the mapped one before it (minifiers map tokens).
      if (source) {
        if (!partBySource.has(source)) partBySource.set(source, partOf(relative(root, resolve(mapDir, source))));
        part = /** @type {string} */ (partBySource.get(source));
      }
      parts.push(part);
    }
    parts.push(GLUE); // the line break
  });
  const text = lines.join('\n');
  const whole = gzipSize(text);
  /** @type {Record<string, number>} */
  const cost = {};
  for (const part of new Set(parts)) {
    let without = '';
    for (let i = 0; i < text.length; i++) if (parts[i] != part) without += text[i];
    cost[part] = whole - gzipSize(without);
  }
  return cost;
}

/**
 * Costs per part summed over `files` (e.g. one provider's first load), largest first, with the
 * remainder the parts share.
 * @param {string[]} files
 * @param {(file: string) => number} gzipOf the file's gzip size
 */
export function attributeLoad(files, gzipOf) {
  /** @type {Record<string, number>} */
  const total = {};
  let remainder = 0;
  for (const file of files) {
    const cost = attributeFile(file);
    for (const [part, bytes] of Object.entries(cost)) total[part] = (total[part] ?? 0) + bytes;
    remainder += gzipOf(file) - Object.values(cost).reduce((sum, bytes) => sum + bytes, 0);
  }
  const parts = Object.entries(total).sort(([, a], [, b]) => b - a);
  return { parts, shared: remainder };
}

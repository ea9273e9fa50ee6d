// A rollup plugin for the self-contained build: static css`…` templates become `unsafeCSS("<minified>")`
// (esbuild's CSS minifier; Lit's `css` tag, with its long error message, then drops out of the bundle),
// and the line-break indentation of html`…` templates shrinks to the line break alone, which HTML
// collapses exactly like the original whitespace. Runs on JavaScript (after esbuild), on our sources only.
// No line moves (only columns inside html templates), so the transform keeps the sourcemap chain as is
// (`map: null`) and stack traces still point at the right source lines.
// @ts-check
import { transform } from 'esbuild';

const UNSAFE_CSS = '__payUnsafeCSS';

/** Elements whose whitespace is content: an html template that holds one is left alone. */
const PREFORMATTED = /<(pre|textarea|listing|plaintext)\b/i;

/** @typedef {import('estree').TemplateElement} TemplateElement */

/** @param {import('estree').Node} node @param {(node: any) => void} visit */
function walk(node, visit) {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) child && typeof child.type == 'string' && walk(child, visit);
    else if (value && typeof value.type == 'string') walk(value, visit);
  }
}

/** @returns {import('rollup').Plugin} */
export function minifyTemplates({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-templates',
    async transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      /** @type {{ start: number, end: number, text: string }[]} */
      const edits = [];
      /** @type {Promise<unknown>[]} */
      const pending = [];
      walk(/** @type {any} */ (this.parse(code)), (node) => {
        if (node.type != 'TaggedTemplateExpression' || node.tag.type != 'Identifier') return;
        const { quasis } = node.quasi;
        if (node.tag.name == 'css' && quasis.length == 1 && quasis[0].value.cooked != null) {
          const source = code.slice(node.start, node.end);
          const lineBreaks = source.split('\n').length - 1;
          pending.push(
            transform(quasis[0].value.cooked, { loader: 'css', minify: true }).then(({ code: css }) =>
              edits.push({
                start: node.start,
                end: node.end,
                text: `${UNSAFE_CSS}(${JSON.stringify(css.trim())})${'\n'.repeat(lineBreaks)}`,
              }),
            ),
          );
        } else if (node.tag.name == 'html' && !quasis.some((/** @type {TemplateElement} */ quasi) => PREFORMATTED.test(quasi.value.raw))) {
          for (const quasi of quasis) {
            // Template element offsets cover the raw text between `…${ and }…`.
            const raw = code.slice(quasi.start, quasi.end);
            const squeezed = raw.replace(/\n[ \t]+/g, '\n');
            if (squeezed != raw) edits.push({ start: quasi.start, end: quasi.end, text: squeezed });
          }
        }
      });
      await Promise.all(pending);
      if (!edits.length) return null;
      let output = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
        output = output.slice(0, start) + text + output.slice(end);
      }
      // Appended, not prepended, so that no line moves; import declarations are hoisted anyway.
      if (output.includes(UNSAFE_CSS)) output += `\nimport { unsafeCSS as ${UNSAFE_CSS} } from 'lit';\n`;
      return { code: output, map: null };
    },
  };
}

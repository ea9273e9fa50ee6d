// The Lit floor: the smallest element built on Lit 3 (properties, a template, styles, an event), bundled
// and minified exactly as our self-contained build is (rollup.config.mjs's second build, same plugins), so
// that what our code costs on top of Lit can be read off the figures.
// @ts-check
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';
import { gzipSize } from './sizes.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

const FLOOR_ELEMENT = `
import { LitElement, css, html } from 'lit';
class FloorElement extends LitElement {
  static styles = css\`:host { display: block; } button { font: inherit; }\`;
  static properties = { label: {} };
  constructor() { super(); this.label = 'Pay'; }
  render() {
    return html\`<button part="button" @click=\${() => this.dispatchEvent(new Event('floor-click', { bubbles: true, composed: true }))}>\${this.label}</button>\`;
  }
}
customElements.define('floor-element', FloorElement);
`;

/** gzip -9 and minified bytes of the floor element, built like dist/cdn/pay-checkout.min.js. */
export async function measureLitFloor() {
  const cdn = configs.find((config) => config.output && !Array.isArray(config.output) && config.output.dir == 'dist/cdn');
  if (!cdn) throw new Error('rollup.config.mjs has no dist/cdn build');
  // Inside the project, so that `lit` resolves from its node_modules.
  const dir = mkdtempSync(join(root, 'node_modules', '.bench-floor-'));
  try {
    const input = join(dir, 'floor.js');
    writeFileSync(input, FLOOR_ELEMENT);
    const bundle = await rollup({ input, plugins: cdn.plugins, onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const code = output.map((file) => (file.type == 'chunk' ? file.code : '')).join('');
    return { min: Buffer.byteLength(code), gzip: gzipSize(code) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Writes the demo pages and bundles the framework demos; `npm run build` and `npm start` call it.
// - The demo pages: demo/pages/<name>.html in the skeleton they share (demo/pages/layout.html: head, site
//   header), the hosted checkouts' (Reepay, Paiwise) also in the body they share (demo/pages/hosted.html),
//   written to demo/<name>.html (generated: git ignores them).
// - The framework demos (demo/frameworks/): bundled into demo/build/<name>.js with esbuild, as an app would,
//   with each one's page (demo/build/<name>.html). The package is imported by name (`pay-checkout`,
//   `pay-checkout/react`, resolved through package.json `exports` to dist/), so this runs after the library build.
// @ts-check
import { readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const DEMOS = [
  { name: 'react', title: 'React', entry: 'demo/frameworks/react.tsx' },
  { name: 'vue', title: 'Vue', entry: 'demo/frameworks/vue.ts' },
];

const NORTHWIND = '<a href="/">Northwind Outfitters</a>';
const SANDBOX_BADGE = 'Sandbox — no real money moves';

/**
 * Each demo page: its title, site header, and for a hosted checkout the provider, the id of the order paid
 * by default (`order-<order>`) and the links of its menu ([href, text]); demo/pages/<name>.html then holds
 * the parts of demo/pages/hosted.html it fills.
 * @type {{ name: string, title: string, brand: string, badge: string, hosted?: { provider: string, order: string, nav: [string, string][] } }[]}
 */
const PAGES = [
  { name: 'pekopay-checkout', title: 'E-commerce checkout — pay-checkout demo (PekoPay sandbox)', brand: NORTHWIND, badge: SANDBOX_BADGE },
  {
    name: 'pekopay-saas',
    title: 'SaaS signup — pay-checkout demo (PekoPay sandbox)',
    brand: '<a href="/">Tallyboard</a>',
    badge: SANDBOX_BADGE,
  },
  { name: 'pekopay-element', title: 'The element alone — pay-checkout demo (PekoPay sandbox)', brand: NORTHWIND, badge: SANDBOX_BADGE },
  {
    name: 'reepay',
    title: 'pay-checkout demo — Reepay sandbox',
    brand: 'Northwind Outfitters',
    badge: 'Reepay sandbox — no real money moves',
    hosted: {
      provider: 'Reepay',
      order: 'charge',
      nav: [
        ['/demo/reepay.html?mode=modal', 'Pay in a modal'],
        ['/demo/reepay.html?mode=iframe', 'Pay in an inline frame'],
        ['/demo/reepay.html?mode=redirect', "Pay on Reepay's page (redirect)"],
        ['/demo/reepay.html?mode=modal&amp;kind=recurring', 'Save a card, charge it later'],
        ['/', 'PekoPay demo'],
      ],
    },
  },
  {
    name: 'paiwise',
    title: 'pay-checkout demo — Paiwise sandbox',
    brand: 'Northwind Outfitters',
    badge: 'Paiwise sandbox — no real money moves',
    hosted: {
      provider: 'Paiwise',
      order: 'backpack',
      nav: [
        ['/demo/paiwise.html?mode=modal', 'Pay in a modal'],
        ['/demo/paiwise.html?mode=iframe', 'Pay in an inline frame'],
        ['/demo/paiwise.html?mode=redirect', "Pay on Paiwise's page (redirect)"],
        ['/demo/paiwise.html?mode=modal&amp;product=bike-rental', 'Reserve now, capture later'],
        ['/', 'All demos'],
      ],
    },
  },
];

/** The element's place on a page, with what it says until the page's script has put the element there. */
const CHECKOUT_SLOT = `<div id="checkout-slot" class="checkout-slot">
  <p id="load-status" class="load-status" role="status">Loading the payment form…</p>
</div>`;

/**
 * `template` with each `%KEY%` replaced by `values[key]` (lower case), indented as the placeholder when it
 * stands alone on its line; `%CHECKOUT_SLOT%` is CHECKOUT_SLOT. A placeholder without a value is an error.
 * @param {string} template
 * @param {Record<string, string>} values
 */
function fill(template, values) {
  /** @param {string} placeholder @param {string} key */
  const valueOf = (placeholder, key) => {
    const value = { checkout_slot: CHECKOUT_SLOT, ...values }[key.toLowerCase()];
    if (value === undefined) throw new Error(`no value for ${placeholder}`);
    return value;
  };
  return template
    .replace(/^( +)(%([A-Z_]+)%)$/gm, (_, indent, placeholder, key) =>
      valueOf(placeholder, key)
        .split('\n')
        .map((line) => (line ? indent + line : line))
        .join('\n'),
    )
    .replace(/%([A-Z_]+)%/g, (placeholder, key) => valueOf(placeholder, key));
}

/**
 * The parts of a hosted page's source: each starts at a `<!-- name: … -->` line and runs to the next.
 * @param {string} source
 */
function partsOf(source) {
  /** @type {Record<string, string>} */
  const parts = {};
  const markers = [...source.matchAll(/^<!-- ([a-z]+): .*-->\n/gm)];
  markers.forEach((marker, i) => {
    const start = /** @type {number} */ (marker.index) + marker[0].length;
    parts[marker[1]] = source.slice(start, markers[i + 1]?.index ?? source.length).replace(/\n$/, '');
  });
  return parts;
}

const layout = await readFile('demo/pages/layout.html', 'utf8');
const hostedBody = await readFile('demo/pages/hosted.html', 'utf8');

/**
 * Writes `file`: `body` (its leading comment, which describes the source, left out) in the shared skeleton.
 * @param {string} file
 * @param {{ source: string, title: string, brand: string, badge: string, script: string, body: string }} page
 */
async function writePage(file, { body, ...values }) {
  await writeFile(file, fill(layout, { ...values, body: body.replace(/^<!--[\s\S]*?-->\n/, '').replace(/\n$/, '') }));
}

for (const { name, title, brand, badge, hosted } of PAGES) {
  const source = await readFile(`demo/pages/${name}.html`, 'utf8');
  const body = hosted
    ? fill(hostedBody, {
        ...partsOf(source),
        provider: hosted.provider,
        order: hosted.order,
        nav: hosted.nav.map(([href, text]) => `        <li><a href="${href}">${text}</a></li>`).join('\n'),
      })
    : fill(source, {});
  const from = hosted ? `demo/pages/${name}.html and hosted.html` : `demo/pages/${name}.html`;
  await writePage(`demo/${name}.html`, { source: from, title, brand, badge, script: `/demo/${name}.js`, body });
}

await build({
  entryPoints: Object.fromEntries(DEMOS.map(({ name, entry }) => [name, entry])),
  outdir: 'demo/build',
  bundle: true,
  format: 'esm',
  target: 'es2021',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  // Vue templates given as strings need the build that includes the template compiler.
  alias: { vue: 'vue/dist/vue.esm-bundler.js' },
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  logLevel: 'warning',
});

const frameworkBody = await readFile('demo/frameworks/page.html', 'utf8');
for (const { name, title } of DEMOS) {
  await writePage(`demo/build/${name}.html`, {
    source: 'demo/frameworks/page.html',
    title: `pay-checkout demo — ${title}`,
    brand: `Northwind Outfitters — ${title}`,
    badge: SANDBOX_BADGE,
    script: `/demo/build/${name}.js`,
    body: fill(frameworkBody, { name, title }),
  });
}

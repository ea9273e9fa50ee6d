// Every PekoPay request of the seeds runs against the sandbox exactly as written, with only the base URL
// swapped: the curl commands are read from the seed files and executed as a shell would expand them
// (variables set as the seeds' workflows define them), and the JavaScript examples are run as they are.
// The one substitution: the seeds' placeholder tokens ("sess_from_checkout_callback") become real payment
// tokens from the checkout flow, since a real PekoPay would refuse the placeholders too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import { startServer } from '../../demo/server.mjs';
import { CARDS, TENANT, tokenizedToken } from './pekopay-helpers.mjs';

/** Exact copies of the seeds' PekoPay documents (shared/seeds/), so that this test runs in any checkout. */
const SEEDS = new URL('../fixtures/seeds/', import.meta.url);
const seedFile = (name) => readFileSync(new URL(name, SEEDS), 'utf8');
const WORKFLOWS = '000_8bf821aaa9b8e1d2.txt';
const TOKENS = '001_b03e177738e13cee.txt';
const PLACEHOLDER_TOKENS = ['sess_from_checkout_callback', 'sess_new_token_from_checkout'];

/**
 * The curl commands of a seed, with the line each starts on. The page's text extraction glued the example
 * response of 001 onto its command ("…}"Example response:"); that tail is not part of the command.
 * @param {string} text
 */
function curlCommands(text) {
  const lines = text.split('\n');
  const commands = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('curl ')) continue;
    const start = i;
    const clean = (line) => line.replace(/Example response:.*$/, '');
    let command = clean(lines[i]);
    // A command goes on after a trailing backslash, and while a quote is open (the JSON bodies).
    while ((command.endsWith('\\') || openQuote(command)) && i + 1 < lines.length) command += `\n${clean(lines[++i])}`;
    commands.push({ line: start + 1, text: command });
  }
  return commands;
}

/**
 * The quote still open at the end of `text`, if any.
 * @param {string} text
 */
function openQuote(text) {
  let open = '';
  for (let i = 0; i < text.length; i++) {
    if (open === "'") {
      if (text[i] === "'") open = '';
    } else if (open === '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') open = '';
    } else if (text[i] === '\\') i++;
    else if (text[i] === "'" || text[i] === '"') open = text[i];
  }
  return open;
}

/**
 * Splits a command into words as a POSIX shell would: quotes, backslash-newlines, `$VAR` and `${VAR}`.
 * @param {string} text
 * @param {Record<string, string>} env
 */
function shellWords(text, env) {
  const words = [];
  let word = null;
  const add = (part) => (word = (word ?? '') + part);
  const expand = (at) => {
    const match = /^\$(?:\{(\w+)\}|(\w+))/.exec(text.slice(at));
    if (!match) return ['$', 1];
    const name = match[1] ?? match[2];
    if (!(name in env)) throw new Error(`the seed uses ${name}, which this workflow has not set`);
    return [env[name], match[0].length];
  };
  if (openQuote(text)) throw new Error(`unterminated quote in: ${text}`);
  for (let i = 0; i < text.length;) {
    const char = text[i];
    if (char === '\\' && text[i + 1] === '\n') i += 2;
    else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (char === "'") {
      const end = text.indexOf("'", i + 1);
      add(text.slice(i + 1, end));
      i = end + 1;
    } else if (char === '"') {
      let j = i + 1;
      let part = '';
      while (text[j] !== '"') {
        if (text[j] === '\\' && /["\\$`]/.test(text[j + 1])) {
          part += text[j + 1];
          j += 2;
        } else if (text[j] === '$') {
          const [value, length] = expand(j);
          part += value;
          j += length;
        } else part += text[j++];
      }
      add(part);
      i = j + 1;
    } else if (char === '$') {
      const [value, length] = expand(i);
      add(value);
      i += length;
    } else {
      add(char);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The request a curl command makes: method, URL, headers, body. */
function curlRequest(text, env) {
  const [program, ...args] = shellWords(text, env);
  assert.equal(program, 'curl');
  const request = { method: undefined, url: undefined, headers: {}, body: undefined };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-X') request.method = args[++i];
    else if (args[i] === '-H') {
      const header = args[++i];
      const colon = header.indexOf(':');
      request.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    } else if (args[i] === '-d') request.body = args[++i];
    else if (args[i].startsWith('-')) throw new Error(`curl option ${args[i]} is not understood by this test`);
    else request.url = args[i];
  }
  request.method ??= request.body === undefined ? 'GET' : 'POST';
  return request;
}

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let baseUrl = '';
/** What ran, for the record: `line method path → status`. */
const ran = [];

before(async () => {
  server = await startServer({ port: 0, log: false });
  server.sandbox.reset();
  baseUrl = `${server.sandboxOrigin}/sandbox/pekopay`;
});
after(() => server.close());

describe('seed 000 and 001: every curl command, verbatim, against the sandbox', () => {
  const workflows = curlCommands(seedFile(WORKFLOWS));
  const tokens = curlCommands(seedFile(TOKENS));
  /** The seeds' shell variables, set as their workflows set them. */
  const env = {};
  const byLine = (commands, line) => {
    const found = commands.find((command) => command.line === line);
    assert.ok(found, `a curl command on line ${line}`);
    return found.text;
  };

  /**
   * Runs one seed command; placeholder tokens become fresh tokens of a card tokenized in the checkout.
   * @param {string} text
   * @param {{ seed?: string, line: number, method: string, path: RegExp, status: number, card?: string }} expected
   */
  async function run(text, { seed = '000', line, method, path, status, card = CARDS.visa }) {
    let command = text;
    for (const placeholder of PLACEHOLDER_TOKENS) {
      if (command.includes(placeholder)) command = command.replaceAll(placeholder, await tokenizedToken(baseUrl, card));
    }
    const request = curlRequest(command, env);
    assert.equal(request.method, method);
    assert.ok(request.url.startsWith(baseUrl), request.url);
    const relative = request.url.slice(baseUrl.length);
    assert.match(relative, path);
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
    const body = await response.json();
    ran.push(`${seed} line ${line}: ${method} ${relative} → ${response.status}`);
    assert.equal(response.status, status, `${method} ${relative}: ${JSON.stringify(body)}`);
    return body;
  }

  it('finds the 19 commands of 000 and the one of 001', () => {
    assert.equal(workflows.length, 19);
    assert.equal(tokens.length, 1);
  });

  it('001: GET /payment-token/:tenantId/generate answers { token: "sess_…" }', async () => {
    Object.assign(env, { BASE_URL: baseUrl, TENANT_ID: TENANT, AUTH: Buffer.from('demo-client:demo-secret').toString('base64') });
    const body = await run(byLine(tokens, 7), {
      seed: '001',
      line: 7,
      method: 'GET',
      path: /^\/payment-token\/demo-tenant\/generate$/,
      status: 200,
    });
    assert.match(body.token, /^sess_[0-9a-f]{32}$/);
  });

  it('000 example 1: create the customer, then charge the cart three times as the seed shows it', async () => {
    const customer = await run(byLine(workflows, 126), { line: 126, method: 'POST', path: /\/customers$/, status: 201 });
    assert.equal(customer.email, 'sarah@example.com');
    env.CUSTOMER_ID = customer.id;
    const product = await run(byLine(workflows, 245), { line: 245, method: 'POST', path: /\/products$/, status: 201 });
    assert.equal(product.price, 49.99);
    env.PRODUCT_ID = product.id;
    for (const line of [104, 137, 261]) {
      const txn = await run(byLine(workflows, line), { line, method: 'POST', path: /\/tenants\/demo-tenant\/transactions$/, status: 201 });
      assert.equal(txn.status, 'SUCCEEDED');
      assert.deepEqual(
        txn.items.map((item) => [item.productId, item.quantity]),
        [[product.id, 2]],
      );
      assert.deepEqual(
        txn.taxes.map((tax) => tax.code),
        ['gst', 'pst'],
      );
      assert.equal(txn.total, 111.98);
    }
  });

  it('000 example 2: create the plans, subscribe with a trial, upgrade with switch (both copies)', async () => {
    const growth = await run(byLine(workflows, 170), { line: 170, method: 'POST', path: /\/plans$/, status: 201 });
    const starter = await run(byLine(workflows, 277), { line: 277, method: 'POST', path: /\/plans$/, status: 201 });
    Object.assign(env, { PLAN_ID: starter.id, NEW_PLAN_ID: growth.id });
    for (const [create, upgrade] of [
      [185, 199],
      [293, 308],
    ]) {
      const sub = await run(byLine(workflows, create), { line: create, method: 'POST', path: /\/subscriptions$/, status: 201 });
      assert.equal(sub.status, 'TRIALING');
      assert.equal(sub.planId, starter.id);
      env.SUBSCRIPTION_ID = sub.id;
      const upgraded = await run(byLine(workflows, upgrade), {
        line: upgrade,
        method: 'PATCH',
        path: /\/subscriptions\/sub_\w+\/switch$/,
        status: 200,
      });
      assert.equal(upgraded.planId, growth.id);
    }
  });

  it('000 lifecycle: add a payment method, choose the default card, change quantity and payment source, cancel', async () => {
    const added = await run(byLine(workflows, 322), {
      line: 322,
      method: 'PUT',
      path: /\/customers\/cus_\w+\/payment-methods$/,
      status: 200,
      card: CARDS.visa1111,
    });
    assert.ok(added.creditCards.some((card) => card.cardLastFourDigits === '1111'));
    const chosen = await run(byLine(workflows, 329), {
      line: 329,
      method: 'PUT',
      path: /\/customers\/cus_\w+\/credit-card\/choose$/,
      status: 200,
    });
    assert.deepEqual(
      chosen.creditCards.filter((card) => card.default).map((card) => card.cardLastFourDigits),
      ['1111'],
    );
    const quantity = await run(byLine(workflows, 339), { line: 339, method: 'PATCH', path: /\/quantity$/, status: 200 });
    assert.equal(quantity.quantity, 5);
    const source = await run(byLine(workflows, 346), {
      line: 346,
      method: 'PATCH',
      path: /\/payment-source$/,
      status: 200,
      card: CARDS.mastercard,
    });
    assert.deepEqual(source.paymentSource, { cardLastFourDigits: '4444', cardType: 'MASTERCARD' });
    const canceled = await run(byLine(workflows, 315), { line: 315, method: 'DELETE', path: /\/subscriptions\/sub_\w+$/, status: 200 });
    assert.equal(canceled.status, 'CANCELED');
  });

  it('000 customers: create, update, delete', async () => {
    const jane = await run(byLine(workflows, 214), { line: 214, method: 'POST', path: /\/customers$/, status: 201 });
    assert.equal(jane.phone, '+1-604-555-1111');
    env.CUSTOMER_ID = jane.id;
    const updated = await run(byLine(workflows, 227), { line: 227, method: 'PUT', path: /\/customers\/cus_\w+$/, status: 200 });
    assert.deepEqual([updated.firstname, updated.email], ['Janet', 'janet@acme.com']);
    const deleted = await run(byLine(workflows, 238), { line: 238, method: 'DELETE', path: /\/customers\/cus_\w+$/, status: 200 });
    assert.deepEqual(deleted, { id: jane.id, deleted: true });
  });

  it('ran every command of both seeds', (t) => {
    const linesOf = (seed) =>
      ran
        .filter((entry) => entry.startsWith(seed))
        .map((entry) => Number(/line (\d+)/.exec(entry)[1]))
        .sort((a, b) => a - b);
    assert.deepEqual(
      linesOf('000'),
      workflows.map((command) => command.line),
    );
    assert.deepEqual(
      linesOf('001'),
      tokens.map((command) => command.line),
    );
    for (const entry of ran) t.diagnostic(entry);
  });
});

describe('seed 000: the JavaScript examples, run as written', () => {
  it('"Backend step 1" generates a checkout token with fetch POST', async () => {
    const text = seedFile(WORKFLOWS);
    const code = text.slice(text.indexOf('const tokenResponse'), text.indexOf('// Return token to frontend'));
    const AsyncFunction = (async () => {}).constructor;
    const step = new AsyncFunction('baseUrl', 'tenantId', 'auth', `${code}\nreturn token;`);
    const token = await step(baseUrl, TENANT, Buffer.from('demo-client:demo-secret').toString('base64'));
    assert.match(token, /^sess_[0-9a-f]{32}$/);
  });

  it('"Node.js API example (no SDK)" gets a token (GET), the products and the customers', async () => {
    const text = seedFile(WORKFLOWS);
    const source = text.slice(text.indexOf('const baseUrl = process.env.PEKOPAY_BASE_URL!'), text.indexOf('Last updated on'));
    const { code } = await transform(`${source}\nexport { token, products, customers };`, { loader: 'ts', format: 'esm' });
    const saved = { ...process.env };
    Object.assign(process.env, { PEKOPAY_BASE_URL: baseUrl, TENANT_ID: TENANT, CLIENT_ID: 'demo-client', CLIENT_SECRET: 'demo-secret' });
    try {
      const { token, products, customers } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
      assert.match(token.token, /^sess_[0-9a-f]{32}$/);
      assert.ok(Array.isArray(products) && products.length >= 1);
      assert.ok(Array.isArray(customers));
    } finally {
      for (const key of ['PEKOPAY_BASE_URL', 'TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET']) {
        if (key in saved) process.env[key] = saved[key];
        else delete process.env[key];
      }
    }
  });
});

// The package's types as an app compiles them, against the built declarations (`npm run build` first) reached
// through the package's own name: good usage compiles (test/node/fixtures/types/good.ts, jsx.tsx,
// frameworks.ts), and each line of mistakes.ts marked `// error TSnnnn` fails with exactly that error, nothing
// else failing — `checkout.provider = 'stripe'` among them.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = 'test/node/fixtures/types';
/** tsc takes a while on two shared cores, and must not take forever. */
const TSC_TIMEOUT = 120_000;

/**
 * The errors tsc reports for `project`, as `file:line TSnnnn`.
 * @param {string} project
 */
const errorsOf = (project) => {
  let output = '';
  try {
    output = execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', project, '--pretty', 'false'], {
      cwd: root,
      encoding: 'utf8',
      timeout: TSC_TIMEOUT,
    });
  } catch (error) {
    const { stdout, status } = /** @type {{ stdout?: string, status?: number | null }} */ (error);
    // tsc exits 1 or 2 when it reported errors; anything else (killed, not found) is not an answer.
    assert.ok(status === 1 || status === 2, `tsc -p ${project} did not run: ${/** @type {Error} */ (error).message}`);
    output = stdout ?? '';
  }
  return [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+):/gm)].map(([, file, line, code]) => `${file}:${line} ${code}`);
};

describe('types', () => {
  /** @type {string[]} */
  let errors = [];
  before(() => {
    assert.ok(existsSync(join(root, 'dist/index.d.ts')) && existsSync(join(root, 'dist/types/jsx.d.ts')), 'run npm run build first');
    errors = errorsOf(`${fixtures}/tsconfig.json`);
  });

  it('compiles an app that uses the element, its events (from pay-checkout and pay-checkout/events), modes, an injected PekoCheckoutForm and the JSX types', () => {
    assert.deepEqual(
      errors.filter((error) => !error.startsWith(`${fixtures}/mistakes.ts:`)),
      [],
    );
  });

  it("fails to compile each mistake with its own error: provider = 'stripe', a mode no provider has or one of another provider, a form without initialize, a misspelt field", () => {
    const lines = readFileSync(join(root, fixtures, 'mistakes.ts'), 'utf8').split('\n');
    const marked = lines.flatMap((text, index) => {
      const code = /\/\/ error (TS\d+)$/.exec(text)?.[1];
      return code ? [`${fixtures}/mistakes.ts:${index + 1} ${code}`] : [];
    });
    const stripe = lines.findIndex((text) => text.includes("checkout.provider = 'stripe';")) + 1;
    assert.ok(stripe > 0, "mistakes.ts assigns provider = 'stripe'");
    assert.ok(errors.includes(`${fixtures}/mistakes.ts:${stripe} TS2322`), "provider = 'stripe' is TS2322 (not assignable)");
    assert.deepEqual(
      errors.filter((error) => error.startsWith(`${fixtures}/mistakes.ts:`)),
      marked,
    );
  });

  it('gives every event handler of the Vue and Svelte types the event’s class, exactly', () => {
    assert.deepEqual(errorsOf(`${fixtures}/tsconfig.frameworks.json`), []);
  });
});

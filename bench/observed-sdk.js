// The sandbox's `@pekopay/web`, observed from outside for the bench: the same PekoCheckoutForm, whose
// initialize() hands the SDK the integration's own options with two callbacks timed on the way through.
// Both integrations load this module (the seed snippet by its import URL, <pay-checkout> by sdk-url), so
// both run the same SDK with the same extra call; neither the SDK nor the element is modified.
// - `sdkInitialize`: when the integration calls `PekoCheckoutForm.initialize()`;
// - `sdkReady`: the SDK's first `onFormFieldStateChange` (the hosted fields are up and report a state);
// - `completeTransaction`: the moment the SDK calls the integration's `completeTransaction`.
// Times go to `globalThis.benchRun` (the run the page is measuring), whose `forms` the page unmounts.
// @ts-check

/**
 * The sandbox SDK: the `@pekopay/web` contract (src/providers/pekopay/sdk.ts), its forms with the sandbox's
 * `unmount()` (optional in the contract).
 * @typedef {import('../src/providers/pekopay/sdk.ts').PekoInitializeOptions} PekoInitializeOptions
 * @typedef {Required<import('../src/providers/pekopay/sdk.ts').PekoCheckoutFormInstance>} SandboxForm
 * @typedef {{ PekoCheckoutForm: { initialize(options: PekoInitializeOptions): SandboxForm } }} SandboxSdk
 * @typedef {import('./page.js').BenchRun} BenchRun
 * @typedef {import('./page.js').BenchGlobals} BenchGlobals
 */

const sandboxOrigin = `http://127.0.0.1:${new URL(import.meta.url).port}`;
/** @type {SandboxSdk} */
const sdk = await import(`${sandboxOrigin}/sandbox/pekopay/web/dist/index.js`);

export const PekoCheckoutForm = Object.freeze({
  /** @param {PekoInitializeOptions} options */
  initialize(options) {
    /** @type {Partial<BenchRun>} no run (a page that measures nothing): the times go nowhere */
    const run = /** @type {BenchGlobals} */ (globalThis).benchRun ?? {};
    run.sdkInitialize ??= performance.now();
    const form = sdk.PekoCheckoutForm.initialize({
      ...options,
      onFormFieldStateChange(state) {
        if (run.sdkReady == null) {
          run.sdkReady = performance.now();
          run.onSdkReady?.(run.sdkReady);
        }
        return options.onFormFieldStateChange?.(state);
      },
      completeTransaction(data) {
        run.completeTransaction = performance.now();
        return options.completeTransaction(data);
      },
    });
    (run.forms ??= []).push(form);
    return form;
  },
});

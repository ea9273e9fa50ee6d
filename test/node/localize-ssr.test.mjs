// The localization controller without a DOM (dist/controllers/localize.js in Node, as Lit's server renderer runs
// it): no `document`, no `closest`, no MutationObserver. It must not touch them at import or in hostUpdate: it
// reads `locale`, else the element's own `lang` attribute, else English, and loads a locale's chunk as in a page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LocalizeController } from '../../dist/controllers/localize.js';

/** What Lit's server renderer gives a controller: attributes, no tree (no `closest`, no `getRootNode`). */
const serverHost = ({ locale, lang } = {}) => {
  const host = {
    locale,
    intent: 'charge',
    amount: 9900,
    currency: 'CAD',
    updates: 0,
    getAttribute: (name) => (name == 'lang' ? (lang ?? null) : null),
    addController: () => {},
    requestUpdate: () => void host.updates++,
  };
  return host;
};

/** Resolves once the controller applied the wanted locale's texts. */
const loaded = (controller) => new Promise((resolve) => controller.whenLoaded(resolve));

describe('LocalizeController without a DOM', () => {
  it('runs in Node, where there is no document', () => {
    assert.equal(typeof globalThis.document, 'undefined');
    assert.equal(typeof globalThis.MutationObserver, 'undefined');
  });

  it("follows the element's own lang attribute, loads the Arabic chunk and lays it out right to left", async () => {
    const controller = new LocalizeController(serverHost({ lang: 'ar-EG' }));
    controller.hostUpdate();
    assert.equal(controller.lang, 'en', 'English until the chunk has loaded');
    await loaded(controller);
    controller.hostUpdate();
    assert.equal(controller.lang, 'ar');
    assert.equal(controller.dir, 'rtl');
    assert.equal(controller.texts.pay, 'ادفع');
  });

  it('prefers the locale property, and falls back to English with neither', () => {
    const french = new LocalizeController(serverHost({ locale: 'fr-CA', lang: 'da' }));
    assert.equal(french.locale(), 'fr-CA');
    const none = new LocalizeController(serverHost());
    none.hostUpdate();
    assert.equal(none.locale(), 'en');
    assert.equal(none.lang, 'en');
    assert.equal(none.dir, undefined);
    assert.equal(none.buttonLabel(), 'Pay CA$99.00');
  });
});

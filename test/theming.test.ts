// Theming: the colour defaults follow the inherited color-scheme, custom properties override them,
// the loading placeholder lies over the card fields (nothing moves when they get ready), is not rendered off
// screen, and it stops pulsing for people who asked for reduced motion; the element's layout stays its own.
// No engine lets page script change the reader's media preferences (and only Chromium's runner emulates
// them), so the preference-driven cases read the preference the browser has, or apply the element's own
// `@media` rules as if they matched.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/index.js';
import { PekoCheckoutFormDouble } from './doubles/peko-checkout-form.js';
import { SAVED_CARDS, button, cardFrame, configurePekopay, nextError, pekopay, ready, retryButton } from './helpers.js';

/** A PekoPay element still loading: its token never comes (the test ends first). */
const loading = (): Promise<PayCheckout> => {
  const element = configurePekopay(document.createElement('pay-checkout'), { 'token-url': null });
  element.sessionTokenProvider = () => new Promise<string>(() => {});
  return fixture<PayCheckout>(html`${element}`);
};

const part = (element: PayCheckout, name: string): Element => element.shadowRoot!.querySelector(`[part~="${name}"]`)!;

/**
 * Applies the element's own `@media (<condition>)` rules to `element` as if the reader's browser matched
 * them: their rules, copied into a sheet without the condition, adopted after the element's sheets.
 */
const asIfMatched = (element: PayCheckout, condition: string): void => {
  const root = element.shadowRoot!;
  const media = root.adoptedStyleSheets
    .flatMap((sheet) => [...sheet.cssRules])
    .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.media.mediaText.includes(condition));
  expect(media, `the element's @media (${condition}) rules`).to.have.length.greaterThan(0);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(media.flatMap((rule) => [...rule.cssRules].map((inner) => inner.cssText)).join('\n'));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
};

describe('pay-checkout: theming', () => {
  it('uses the light colours by default', async () => {
    const element = await pekopay();
    await ready(element);
    expect(getComputedStyle(button(element)).backgroundColor).to.equal('rgb(11, 87, 208)');
    expect(getComputedStyle(element).color).to.equal('rgb(26, 26, 26)');
  });

  it('rings the focused button in the opaque accent colour, 3:1 against the page at least (WCAG 1.4.11)', async () => {
    const element = await pekopay({ cards: JSON.stringify(SAVED_CARDS) });
    await ready(element);
    // The ring is drawn only for :focus-visible, so the keyboard brings focus there.
    const before = document.createElement('button');
    element.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' }); // the saved cards
    await sendKeys({ press: 'Tab' }); // Pay
    expect(element.shadowRoot!.activeElement === button(element), 'Pay has focus').to.equal(true);
    const style = getComputedStyle(button(element));
    expect([style.outlineStyle, style.outlineWidth, style.outlineColor]).to.deep.equal(['solid', '3px', 'rgb(11, 87, 208)']);
  });

  it('draws every button’s edge with a border, which forced-colours mode keeps (it drops backgrounds and shadows)', async () => {
    const element = configurePekopay(document.createElement('pay-checkout'), { 'token-url': null });
    element.sessionTokenProvider = () => Promise.reject(new Error('token service down'));
    const error = nextError(element);
    await fixture(html`${element}`);
    expect((await error).detail.code).to.equal('token-fetch');
    await element.updateComplete;
    for (const control of [button(element), retryButton(element)!]) {
      const style = getComputedStyle(control);
      expect([style.borderTopStyle, style.borderTopWidth], control.textContent!.trim()).to.deep.equal(['solid', '1px']);
    }
    expect(getComputedStyle(retryButton(element)!).borderTopColor, 'Retry’s outline').to.equal('rgb(11, 87, 208)');
  });

  it('uses the dark colours when an ancestor sets color-scheme: dark', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="color-scheme: dark; background: #121212"></div>`);
    const element = configurePekopay(document.createElement('pay-checkout'));
    wrapper.append(element);
    await ready(element);
    expect(getComputedStyle(button(element)).backgroundColor).to.equal('rgb(168, 199, 250)');
    expect(getComputedStyle(button(element)).color).to.equal('rgb(6, 46, 111)');
    expect(getComputedStyle(element).color).to.equal('rgb(227, 227, 227)');
    await expect(wrapper).to.be.accessible();
    element.remove();
  });

  it('follows the reader’s prefers-color-scheme when the page declares color-scheme: light dark', async () => {
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const wrapper = await fixture<HTMLElement>(html`<div style="color-scheme: light dark"></div>`);
    const element = configurePekopay(document.createElement('pay-checkout'));
    wrapper.append(element);
    await ready(element);
    expect(getComputedStyle(button(element)).backgroundColor).to.equal(dark ? 'rgb(168, 199, 250)' : 'rgb(11, 87, 208)');
    element.remove();
  });

  it('lets --pay-checkout-* properties override the defaults in either scheme', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="color-scheme: dark"></div>`);
    const element = configurePekopay(document.createElement('pay-checkout'));
    element.style.cssText = '--pay-checkout-accent: #6b21a8; --pay-checkout-accent-text: #fff; --pay-checkout-radius: 0px';
    wrapper.append(element);
    await ready(element);
    const style = getComputedStyle(button(element));
    expect([style.backgroundColor, style.color, style.borderRadius]).to.deep.equal(['rgb(107, 33, 168)', 'rgb(255, 255, 255)', '0px']);
    element.remove();
  });

  it('pulses the loading placeholder while loading', async () => {
    const element = await loading();
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    expect(getComputedStyle(part(element, 'placeholder')).animationName).to.equal(reduce ? 'none' : 'pulse');
    await expect(element).to.be.accessible();
  });

  it('renders the loading placeholder, and runs its pulse, only while the element is on screen', async () => {
    // Every running animation makes each style update of the page dearer: 100 elements loading at once spent
    // more time on style than on everything else of theirs (npm run bench, "the page's style / layout ms").
    const element = await loading();
    const placeholder = part(element, 'placeholder');
    const rendered = () => placeholder.checkVisibility({ contentVisibilityAuto: true });
    await waitUntil(rendered, 'the placeholder is not rendered on screen', { timeout: 3000 });
    const height = element.getBoundingClientRect().height;
    element.style.cssText = 'position: absolute; top: 20000px; width: 300px';
    await waitUntil(() => !rendered(), 'the placeholder is still rendered off screen', { timeout: 3000 });
    expect(element.getBoundingClientRect().height, 'the element keeps its height').to.equal(height);
    element.style.cssText = '';
    await waitUntil(rendered, 'the placeholder is not rendered again on screen', { timeout: 3000 });
  });

  it('marks the card fields busy while they load, never the live status region, whose news must be read', async () => {
    const element = await loading();
    const status = element.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
    expect(status.closest('[aria-busy="true"]'), 'no busy ancestor').to.equal(null);
    expect(element.shadowRoot!.querySelector('[part=fields]')!.getAttribute('aria-busy')).to.equal('true');
  });

  it('keeps its layout to itself: the visually hidden status region is placed within the element', async () => {
    // Placed against the page's root, it made every layout of the page place every element's region again:
    // a forced layout on a page of 100 elements took 2.2 times as long as with this.
    const element = await loading();
    const status = element.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
    expect(status.offsetParent?.getAttribute('part'), 'its containing block').to.equal('base');
  });

  it('lays the loading placeholder over the card fields, so that nothing moves when they get ready', async () => {
    // The frame loads but never says it is ready: the element takes it as ready after its grace period (3 s).
    const element = await pekopay({}, new PekoCheckoutFormDouble({ readyTimeoutMs: 60_000 }).hangLoad());
    await waitUntil(() => element.querySelector('iframe')?.getBoundingClientRect().height, 'the card frame is not mounted', {
      timeout: 5000,
    });
    expect(element.status).to.equal('loading');
    const frame = cardFrame(element);
    const opacity = () => getComputedStyle(frame.closest('[slot]')!).opacity;
    const whileLoading = element.getBoundingClientRect().height;
    const [cover, fields] = [part(element, 'placeholder').getBoundingClientRect(), frame.getBoundingClientRect()];
    expect([cover.top, cover.height], 'the placeholder covers the frame').to.deep.equal([fields.top, fields.height]);
    expect(opacity(), 'the fields, hidden under it').to.equal('0');
    await ready(element);
    await element.updateComplete;
    expect(element.getBoundingClientRect().height, 'the same height once ready').to.equal(whileLoading);
    expect(opacity(), 'the fields, shown').to.equal('1');
    // And nothing of the element's own lies over them: a click anywhere on the frame reaches it.
    const { left, top, right, bottom } = frame.getBoundingClientRect();
    for (const [x, y] of [
      [(left + right) / 2, (top + bottom) / 2],
      [left + 4, top + 4],
      [right - 4, bottom - 4],
      [left + 4, bottom - 4],
    ]) {
      // By name: a failed assertion carrying a frame (and its cross-origin window) would not reach the runner.
      expect(document.elementFromPoint(x!, y!)?.localName, `what a click at ${x}, ${y} reaches`).to.equal('iframe');
    }
  });

  it('keeps the loading placeholder still under its prefers-reduced-motion rules', async () => {
    const element = await loading();
    asIfMatched(element, 'prefers-reduced-motion: reduce');
    expect(getComputedStyle(part(element, 'placeholder')).animationName).to.equal('none');
  });
});

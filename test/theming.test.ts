// Theming: the colour defaults follow the inherited color-scheme, custom properties override them, and
// the loading placeholder stops pulsing for people who asked for reduced motion.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/index.js';
import { button, configurePekopay, pekopay, ready } from './helpers.js';

/** A PekoPay element still loading: its token never comes (the test ends first). */
const loading = (): Promise<PayCheckout> => {
  const element = configurePekopay(document.createElement('pay-checkout'), { 'token-url': null });
  element.sessionTokenProvider = () => new Promise<string>(() => {});
  return fixture<PayCheckout>(html`${element}`);
};

const part = (element: PayCheckout, name: string): Element => element.shadowRoot!.querySelector(`[part~="${name}"]`)!;

describe('pay-checkout: theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('uses the light colours by default', async () => {
    const element = await pekopay();
    await ready(element);
    expect(getComputedStyle(button(element)).backgroundColor).to.equal('rgb(11, 87, 208)');
    expect(getComputedStyle(element).color).to.equal('rgb(26, 26, 26)');
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

  it('follows prefers-color-scheme when the page declares color-scheme: light dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const wrapper = await fixture<HTMLElement>(html`<div style="color-scheme: light dark"></div>`);
    const element = configurePekopay(document.createElement('pay-checkout'));
    wrapper.append(element);
    await ready(element);
    expect(getComputedStyle(button(element)).backgroundColor).to.equal('rgb(168, 199, 250)');
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

  it('pulses the loading placeholder, and keeps it still under prefers-reduced-motion', async () => {
    const pulsing = await loading();
    expect(getComputedStyle(part(pulsing, 'placeholder')).animationName).to.equal('pulse');
    await emulateMedia({ reducedMotion: 'reduce' });
    const still = await loading();
    expect(getComputedStyle(part(still, 'placeholder')).animationName).to.equal('none');
    await expect(still).to.be.accessible();
  });
});

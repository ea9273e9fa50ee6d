// Acting in a sandbox page that this test page can reach: a hosted page framed from this page's own origin
// (the test server serves the sandbox here too) or a page the sandbox's offline mode serves as static files.
// The test acts through the frame's document, as script, never through a browser driver: it fills fields
// and fires the events typing fires, clicks, reads text, and runs axe inside the page.
import { oneEvent, waitUntil } from '@open-wc/testing';

/** A test card, by the fields' `autocomplete` names (any expiry to come, any name). */
export const testCard = (number = '4242 4242 4242 4242'): Record<string, string> => ({
  'cc-number': number,
  'cc-exp': '12/34',
  'cc-csc': number.replace(/\s/g, '').length == 15 ? '1234' : '123',
  'cc-name': 'Sarah Ng',
});

/** The same URL on this page's origin: a sandbox page as the test server serves it here. */
export const onThisOrigin = (url: string): string => {
  const moved = new URL(url, location.href);
  return `${location.origin}${moved.pathname}${moved.search}${moved.hash}`;
};

let opened: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of opened) frame.remove();
  opened = [];
});

/** Frames `url` (a page on this origin), resolving with the frame once it has loaded; removed after the test. */
export const framePage = async (url: string, name = 'sandbox-page'): Promise<HTMLIFrameElement> => {
  const frame = Object.assign(document.createElement('iframe'), { name, title: 'Sandbox page' });
  frame.style.cssText = 'width: 480px; height: 640px';
  opened.push(frame);
  const loaded = oneEvent(frame, 'load');
  frame.src = url;
  document.body.append(frame);
  await loaded;
  return frame;
};

/** The document in `frame`, which must be on this origin. */
export const pageOf = (frame: HTMLIFrameElement): Document => {
  const page = frame.contentDocument;
  if (!page) throw new Error('the frame is not on this origin');
  return page;
};

/** Fills fields of `page` by their `autocomplete` names, firing the input event typing fires after each. */
export const fill = (page: Document, fields: Record<string, string>): void => {
  const view = page.defaultView as typeof window;
  for (const [autocomplete, text] of Object.entries(fields)) {
    const input = page.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`);
    if (!input) throw new Error(`no ${autocomplete} field in ${page.location.pathname}`);
    input.value = text;
    input.dispatchEvent(new view.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    input.dispatchEvent(new view.FocusEvent('blur'));
  }
};

/** Clicks the element `selector` names in `page`. */
export const click = (page: Document, selector: string): void => {
  const target = page.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`nothing matches ${selector} in ${page.location.pathname}`);
  target.click();
};

/** The trimmed text of `selector` in `page` ('' when nothing matches). */
export const textOf = (page: Document, selector: string): string => page.querySelector(selector)?.textContent?.trim() ?? '';

/** Waits until `selector` in the frame's (current) document matches something: a page shown, an error written. */
export const untilShown = (frame: HTMLIFrameElement, selector: string, timeout = 5000): Promise<void> =>
  waitUntil(() => frame.contentDocument?.querySelector(selector), `nothing matches ${selector} in the page`, { timeout });

/** Waits until the text of `selector` in the frame's document includes `text`. */
export const untilText = (frame: HTMLIFrameElement, selector: string, text: string, timeout = 5000): Promise<void> =>
  waitUntil(() => frame.contentDocument?.querySelector(selector)?.textContent?.includes(text), `no "${text}" in ${selector}`, { timeout });

/** Resolves with the frame's location at its next load: where the page sent the payer. */
export const nextLocation = async (frame: HTMLIFrameElement): Promise<URL> => {
  await oneEvent(frame, 'load');
  return new URL(frame.contentWindow!.location.href);
};

const AXE = '/node_modules/axe-core/axe.min.js';

/**
 * Runs axe in the page of `frame` (on this origin) and resolves with its violations as `id: targets` lines.
 * axe is loaded into the page from this origin, which the page's `script-src 'self'` allows (through a
 * Trusted Types policy where the page requires one).
 */
export const axeViolations = async (frame: HTMLIFrameElement): Promise<string[]> => {
  type Axe = { run(context: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
  const view = frame.contentWindow as unknown as Window & {
    axe?: Axe;
    trustedTypes?: {
      createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
    };
  };
  const page = pageOf(frame);
  if (!view.axe) {
    const script = page.createElement('script');
    const policy = view.trustedTypes?.createPolicy(`axe-${Math.random().toString(16).slice(2)}`, { createScriptURL: (url) => url });
    const loaded = oneEvent(script, 'load');
    script.src = (policy ? policy.createScriptURL(AXE) : AXE) as string;
    page.head.append(script);
    await loaded;
  }
  const { violations } = await view.axe!.run(page);
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => String(node.target)).join(' ')}`);
};

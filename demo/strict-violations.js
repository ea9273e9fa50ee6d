// Records every Content-Security-Policy violation of the strict page from its first moment: a classic script,
// loaded before anything else, so nothing the page or the element does later escapes it. Violations are kept
// in sessionStorage, so those of a page the payer left for a hosted checkout still show after the return.
// @ts-check
(() => {
  const KEY = 'pay-checkout-strict-violations';
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      /** @type {unknown[]} */
      let all = [];
      try {
        all = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
      } catch {
        all = [];
      }
      all.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
        page: location.pathname + location.search,
      });
      sessionStorage.setItem(KEY, JSON.stringify(all));
      document.dispatchEvent(new Event('strict-violations-change'));
    },
    true,
  );
})();

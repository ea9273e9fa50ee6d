// The byte budgets of the self-contained build (gzip -9 bytes, node:zlib level 9), checked by
// test/node/bundle-budget.test.mjs in `npm test` and printed by `npm run bench`.
// @ts-check

/**
 * The product's byte targets (issue 20, which retired issue 9's 10,500 B first load and 16,000 B everything):
 * what a page pays before its first provider request, before `pay-ready`, and for everything we ship.
 */
export const BUDGETS = {
  /** The critical path: build files requested before the first provider request (SDK import, hosted frame, session POST, redirect). Reported by `npm run bench`. */
  criticalPath: 10_500,
  /** A PekoPay first load (the entry and what it loads before `pay-ready`), Lit included. */
  pekopayFirstLoad: 13_000,
  /** A hosted checkout shown before `pay-ready`: `iframe` mode with a given session. */
  shownFirstLoad: 13_000,
  /** Any other first load: a hosted checkout in a modal, a redirect, or an inline frame whose session is created on submit. */
  firstLoad: 11_500,
  /** Every file of the build: the entry, all providers, all locales (the ratchet issue 20 found). */
  everything: 24_630,
};

/** The first-load target of a case (see BUDGETS). */
export const firstLoadBudget = (/** @type {{ provider: string, mode: string, variant: string }} */ { provider, mode, variant }) =>
  provider == 'pekopay'
    ? BUDGETS.pekopayFirstLoad
    : mode == 'iframe' && variant == 'session-url'
      ? BUDGETS.shownFirstLoad
      : BUDGETS.firstLoad;

/**
 * No first-load target is met yet (see docs/performance.md: Lit alone is ~5,100 B of the entry), so CI holds
 * ratchets instead: the figures measured when features landed, plus 2%. Lower them whenever the build shrinks; never raise
 * them without saying why in the commit. Set one to null (or leave a first-load case out) to enforce the
 * budget itself.
 *
 * First loads are ratcheted per case (`<provider> <mode> (<variant>)`, as bench/first-load.mjs names its
 * cases), not by one figure for the worst: one shared limit let a provider or mode below the worst grow
 * unnoticed. Raised on 2026-12-04 by the element's split into controllers (issue 17: five controller classes
 * and the pure readConfig cost ~580 B gzip in the entry, the error-policy table and the context's
 * injectedSdks()/adoptStyles() ~120 B): measured + 2%. Raised again by 360 B each on 2026-12-04 by open
 * localization (issue 18, point 4: the entry grew 352 B gzip for `lang` followed live by one shared observer,
 * registerTranslation with its checks and merge, the matching of registered locales, `dir` for right-to-left
 * locales, and lookups that run without a DOM). Raised again on 2026-12-04 by API 1.0 (issue 18: submit()'s
outcome promise, the provider-options check, the form-control surface, disabled, focus(), back/forward restore
and server rendering: ~760 B gzip in the entry) and Reepay's return recognition (issue 19: the accept/cancel
URL matching shared with Paiwise now also in Reepay's page chunk, ~820 B where the frame is shown before
pay-ready), and the chunks' run-time registry that lets the entry be renamed (issue 20, point 6: ~65-130 B):
measured + 2%. The hosted cases raised again on 2026-12-04 by the parallel start (issue 20, point 1: the entry
starts PekoPay's SDK import and token fetch and a hosted checkout's preconnect beside the provider's chunk,
+580 B gzip in the entry, of which 150 B came back by exporting only the package's API from the entry): measured
+ 2%; PekoPay's held (17,874 B, its chunk 210 B smaller) until the currency check moved after the provider's
requests (its first formatting costs ~20 ms of ICU data, which had held the SDK import back) and the disabled
state and focus target moved into controllers (issue 17): 17,934 B, + 2%. Raised by 140 B on 2026-12-05 where the
fixes of that day's audit did not fit (they did for PekoPay and the inline frames): a token source answering a spent
token is asked again and `token-url` is fetched `no-store`; secrets refused in customer-id and in live changes, and
encoded slashes under a URL prefix; a token sent to `action` survives a move or a restart and is posted again with
its key (a second charge otherwise); a form-restored payment stays complete; a redirect that never leaves settles.
The inline frames raised the same day to their figures (+274 B Reepay, +300 B Paiwise since the last stop) for
the rest of those fixes: submit() answers the payment in flight whatever its listeners do (a stale submit no
longer settles a newer one), a Back from the checkout page (back/forward cache) is a pay-cancel, and only an
element in redirect mode takes a redirect's result. Then PekoPay's (18,063 B at the last stop, 18,320 B) and the
inline frames again for the day's last fixes: what the card fields report after the token was sent to `action` (or
after completion) no longer stops the POST or unmounts the completed payment, refreshToken() after a failed
`action` posts the token again, a held form submission survives the restart that posts it. PekoPay's and the inline
frames' raised by 20 B on 2026-12-05 (the fourth session): a disabled element disables its controls, which stay
announced, and makes only the provider's frames inert (the whole element was, hidden from assistive technology),
and `el.disabled = false` enables it again (Lit dropped the update the browser's formDisabledCallback asked for
while `disabled` was reflected: the element stayed disabled). Then by 10-20 B: an `action` answer that refuses the
payment for good (a 4xx but 408, 409, 425, 429: a decline, a spent token) lets the token go and Retry starts over,
where it posted the refused token again forever (the payer was stuck until the page called reset()). Paiwise's
inline frame by 10 B more for a redirect's return that carries no `checkout_id` (Paiwise's documents do not say it
adds one): it is the checkout this tab left for, where nothing was emitted. PekoPay's by 30 B for an SDK as its
documents show it: a `submitFormFields()` that answers nothing fails `validation` at once for a card the fields called
invalid (it waited a minute for `timeout`), and a field state without a boolean `isValid` no longer holds a `required`
element's form invalid for good. The inline frames by 30-40 B more for the modal's scroll lock, which the last of two
modals (opened from script) gives back as the page had it (closing them in order left the page unscrollable), and
for a page whose connect() throws, which no longer leaves its dialog behind. The other hosted cases by 5 B, what
the chunks' new hashes cost where their names are imported. PekoPay's by 20 B: a token source the element let
go of asks the host for no token (an SDK instance on its way out still asked the host's sessionTokenProvider).
Reepay's modal and redirect cases by 8 B on 2026-12-05 (the fifth session): the card fields or the hosted page are
inert while they load under the placeholder (a keyboard user tabbed into fields covered from sight); the other cases
absorbed it. Then every case by 6-29 B for the hosted redirect's fixes of that session: Back to the page as the
browser kept it says `pay-cancel` only while the redirect record names the session, and keeps the record (Forward to
the checkout, paid, was lost: no `pay-complete`), and says nothing, ready again, when a return page took it (a paid
session was called canceled); a `pay-redirect` listener that removes the element no longer stops the navigation
(the page's "taking you to…" notice stayed for good); a run let go of before it read the return leaves the record
to the next run (the return was lost). Then by 24-94 B for focus: an inline hosted page opened with Pay takes focus
and gives it back to Pay when it ends (the removed Pay, then the removed frame, dropped a keyboard user to the page
twice), and focus() / reportValidity() go to the card fields of a new card, not to "Use a new card" or a ticked
"Save this card" (or to that choice while the fields load, inert). The inline frames by 80 B more: a return is
also read from the URL its page was loaded from, so a return page whose router or analytics script tidies its query
away (history.replaceState) before the element reads it is still recognised (a paid checkout was lost after a
redirect, and a `session` error in a frame). Then every case by 5-17 B: an inline page given its session that did
not load is offered Retry, which loads it again (the element sat in `error` with no Pay to press, a dead end).
Reepay's and the inline frames by 2-10 B for the element's template in a module of its own (issue 17: the component
file 376 → 326 lines). Then every case by 39-45 B for the PekoPay audit of that session: `complete` stays until
reset(), whatever property is set again or however the element is moved (a framework re-rendering after
`pay-complete` started a second payment, and a held form submission paid again); a submit() while a wrong property
stopped the run that would post a failed `action`'s token is refused (it stayed `submitting` for good); the provider
loading moved to the registry (provider-run.ts back under 300 lines). Then every case by 53-59 B: a new
`sessionTokenProvider` function (a framework's inline arrow, with every render) or the same `cards` in a new array
no longer restarts the payment method (the card fields were mounted again, losing what the payer typed, and a
submit in flight was interrupted); the token source asks the provider set last. Then every case by 22-26 B:
token-expired is offered Retry when token-url or sessionTokenProvider can give another token (a token spent in
another tab left the element in `error`, with no way on but a reload). PekoPay's by 31 B on 2026-12-05 (the sixth
session): new-card fields that fail while a saved card is chosen no longer fail the element (the saved card stays
payable; the error, with Retry, comes when "Use a new card" is chosen again). Then by 59 B: the payer's choice of a
saved card or a new card stays when the payment method starts over (a new amount, Retry, reset()) while its card is
offered; the default card came back, and Pay then charged a card the payer had not chosen. (The hosted cases, raised
5-7 B for the PekoPay chunk's new hash in between, are back at their ratchets.) Then every case by 41-56 B (the entry's
config): a new `amount` or `currency` changes the Pay button only, as the amount is the button's (a provider's
session holds what the backend gave it, a PekoPay token has none); it restarted the payment method, so a page
showing a coupon or the shipping chosen wiped the card the payer had typed, or reloaded the hosted page.
 * @type {Readonly<Record<string, number>>}
 */
export const FIRST_LOAD_RATCHETS = {
  'pekopay embedded (new card)': 18_751, // 18,748 (was 18,692, 18,633, 18,602, 18,575, 18,522, 18,473, 18,456, 18,426, 18,414, 18,392, 18,360, 18,350, 18,320, 17,934, 17,546, 16,684, 16,331, 15,548)
  'pekopay embedded (saved cards)': 18_751, // 18,748 (was 18,692, 18,633, 18,602, 18,575, 18,522, 18,473, 18,456, 18,426, 18,414, 18,392, 18,360, 18,350, 18,320, 17,934)
  'reepay iframe (session-url)': 20_420, // 20,416 (was 20,362, 20,381, 20,371, 20,346, 20,294, 20,247, 20,232, 20,153, 20,059, 20,022): the frame shows the page before pay-ready (was 19,987, 19,967, 19,947, 19,467, 18,960, 17,193)
  'reepay iframe (session-endpoint)': 16_485, // 16,481 (was 16,427, 16,437, 16,432, 16,406, 16,352, 16,308, 16,300, 16,290, 16,258, 16,250, 16,242, 16,111, 15,791, 15,285, 14,376)
  'reepay modal (session-url)': 16_485,
  'reepay modal (session-endpoint)': 16_485,
  'reepay redirect (session-url)': 16_485,
  'reepay redirect (session-endpoint)': 16_485,
  'paiwise iframe (session-url)': 19_950, // 19,946 (was 19,891, 19,905, 19,898, 19,875, 19,820, 19,772, 19,768, 19,758, 19,677, 19,586, 19,550, 19,514, 19,508, 19,494, 19,474, 18,952, 18,422, 17,174)
  'paiwise iframe (session-endpoint)': 16_415, // 16,413 (was 16,357, 16,367, 16,362, 16,338, 16,283, 16,234, 16,219, 16,190, 16,175, 16,045, 15,718, 15,189, 14,292)
  'paiwise modal (session-url)': 16_415,
  'paiwise modal (session-endpoint)': 16_415,
  'paiwise redirect (session-url)': 16_415,
  'paiwise redirect (session-endpoint)': 16_415,
};

/**
 * 25,218 B after the split into controllers (was 24,356), + 2%; raised by 1,260 B by open localization (issue
 * 18: 26,472 B, the Arabic chunk 890 B and the entry's 352 B); 28,004 B after API 1.0, Reepay's return
recognition and the chunks' run-time registry (issues 18, 19, 20), + 2%; + 140 B on 2026-12-05 for the audit's fixes
(see FIRST_LOAD_RATCHETS): 28,631 B; 28,810 B for the rest of them (28,799 B); 28,840 B for the last (28,838 B).
28,860 B on 2026-12-05 (28,850 B): the form chunk drops a held submission when the element was disabled while it
paid (the form went without the payment). 28,880 B (28,870 B): the disabled state's fixes (see FIRST_LOAD_RATCHETS).
28,950 B (28,946 B): an `action` refusal for good lets the token go (see FIRST_LOAD_RATCHETS). 28,980 B (28,971 B):
a Paiwise return without parameters, an SDK whose submitFormFields() answers nothing (see FIRST_LOAD_RATCHETS).
29,030 B (29,018 B): the modal's scroll lock for two modals, no dialog left by a throwing connect(). 29,040 B
(29,033 B): a token source let go of asks for no token. 29,080 B (29,072 B, the fifth session): the card fields
inert while loading, and the hosted redirect's Back, removal and restart fixes (see FIRST_LOAD_RATCHETS). 29,170 B
(29,165 B): focus into and out of an inline hosted page, and focus() to a new card's fields. 29,250 B (29,241 B):
a return read from the URL its page was loaded from too. 29,260 B (29,255 B): Retry for an inline page that did not
load, and the element's template in a module of its own. 29,365 B (29,360 B): the PekoPay audit's fixes (see
FIRST_LOAD_RATCHETS), and in the `action` and form chunks: Retry posts the first POST's body to its URL (the page's
changed payload went out under the same key), and a form without `required` waits for a failed `action`'s Retry
(it went without the payment, then again with it). 29,410 B (29,407 B): no restart for a new but equal
`sessionTokenProvider` or `cards`. 29,440 B (29,434 B): Retry for token-expired when another token can be had. 29,480 B (29,476 B, the sixth
session): new-card fields failing while a saved card is chosen leave the saved card payable. 29,520 B (29,516 B):
the payer's saved-card choice kept when the payment method starts over. 29,575 B (29,572 B): a new amount or currency
restarts nothing.
 * @type {number | null}
 */
export const EVERYTHING_RATCHET = 29_575;

/**
 * @typedef {{ name: string, figure: number, budget: number, enforced: number, pass: boolean, note: string,
 *   case?: string }} BudgetCheck `case`: the first-load case it checks (the name its ratchet is keyed by)
 */

/** The name a first-load case's ratchet is keyed by. */
export const caseName = (/** @type {{ provider: string, mode: string, variant: string }} */ { provider, mode, variant }) =>
  `${provider} ${mode} (${variant})`;

/**
 * Compares the measurements with the budgets: the build's bytes (bench/sizes.mjs) and every first load as
 * observed in a browser (bench/first-load.mjs). `budget` is the product's target; `enforced` is the limit CI
 * fails on (the budget, or the ratchet while the budget is out of reach; Infinity for a figure only reported).
 * Each observed case is enforced; each provider's worst case, with and without a locale chunk, is reported
 * against the budget. A ratchet that names no observed case is a failed check of its own: a renamed or
 * removed case must take its ratchet with it.
 * @param {ReturnType<typeof import('./sizes.mjs').measureBundle>} sizes
 * @param {Pick<Awaited<ReturnType<typeof import('./first-load.mjs').observeFirstLoads>>, 'cases' | 'firstLoad' | 'withLocale'>} observed
 * @param {{ ratchets?: Readonly<Record<string, number>>, everythingRatchet?: number | null }} [limits] (tests)
 * @returns {BudgetCheck[]}
 */
export function checkBudgets(sizes, observed, { ratchets = FIRST_LOAD_RATCHETS, everythingRatchet = EVERYTHING_RATCHET } = {}) {
  /** @type {BudgetCheck[]} */
  const checks = [];
  const note = (/** @type {number} */ figure, /** @type {number} */ limit) =>
    figure <= limit ? `${limit - figure} B under` : `OVER by ${figure - limit} B`;
  const named = new Set();
  for (const load of observed.cases) {
    const name = caseName(load);
    const budget = firstLoadBudget(load);
    named.add(name);
    const enforced = ratchets[name] ?? budget;
    checks.push({
      name: `first load ${name}`,
      case: name,
      figure: load.gzip,
      budget,
      enforced,
      pass: load.gzip <= enforced,
      note: note(load.gzip, budget),
    });
  }
  for (const name of Object.keys(ratchets).filter((key) => !named.has(key))) {
    checks.push({
      name: `ratchet "${name}" names an observed first-load case`,
      figure: 0,
      budget: 0,
      enforced: 0,
      pass: false,
      note: 'no such case: remove its ratchet',
    });
  }
  for (const [provider, load] of Object.entries(observed.firstLoad)) {
    const budget = firstLoadBudget(load);
    checks.push({
      name: `first load ${provider} (worst: ${load.mode}, ${load.variant})`,
      figure: load.gzip,
      budget,
      enforced: Infinity,
      pass: true,
      note: note(load.gzip, budget),
    });
    const worst = observed.withLocale[provider];
    // A page in a locale that is not bundled loads its chunk too. While the worst case is ratcheted this is
    // reported only (adding a locale does not fail CI on its own); once it meets the budget, so must this.
    if (worst.gzip != load.gzip) {
      const enforced = ratchets[caseName(load)] == null ? budget : Infinity;
      checks.push({
        name: `first load ${provider} + locale ${worst.locale}`,
        figure: worst.gzip,
        budget,
        enforced,
        pass: worst.gzip <= enforced,
        note: note(worst.gzip, budget),
      });
    }
  }
  const everything = everythingRatchet ?? BUDGETS.everything;
  checks.push({
    name: 'everything (all providers, all locales)',
    figure: sizes.everything.gzip,
    budget: BUDGETS.everything,
    enforced: everything,
    pass: sizes.everything.gzip <= everything,
    note: note(sizes.everything.gzip, BUDGETS.everything),
  });
  return checks;
}

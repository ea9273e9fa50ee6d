// The PekoPay stand-in's sandbox-only routes (Basic auth, no tenant): the test clock that drives trials,
// renewals and grace periods, the webhook delivery log, and where webhooks go.
// @ts-check
import { sendJson } from '../../shared/http.mjs';
import { validator } from '../../shared/validate.mjs';
import { DAY_MS, iso } from './model.mjs';
import { body } from './routes.mjs';
import { authorize } from './tokens.mjs';
import { transactionView } from './views.mjs';

const MAX_CLOCK_DAYS = 3660;

/**
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {string} base
 * @param {import('./service.mjs').PekoPayService} service
 */
export function registerSandboxRoutes(router, base, service) {
  router.on('GET', `${base}/test-clock`, ({ req, res }) => {
    authorize(req);
    sendJson(res, 200, { now: iso(service.now()), offsetSeconds: Math.round(service.state.clockOffsetMs / 1000) });
  });

  router.on('POST', `${base}/test-clock/advance`, async ({ req, res }) => {
    authorize(req);
    const check = validator(await body({ req }));
    const days = /** @type {number} */ (check.integer('days', { max: MAX_CLOCK_DAYS, fallback: 0 }));
    const hours = /** @type {number} */ (check.integer('hours', { max: MAX_CLOCK_DAYS * 24, fallback: 0 }));
    const seconds = /** @type {number} */ (check.integer('seconds', { max: (MAX_CLOCK_DAYS * DAY_MS) / 1000, fallback: 0 }));
    if (!check.errors.length && !days && !hours && !seconds) check.fail('days', 'or hours or seconds is required.', 'required');
    check.done();
    service.state.clockOffsetMs += (days * 24 * 3600 + hours * 3600 + seconds) * 1000;
    const charged = service.runBilling();
    sendJson(res, 200, { now: iso(service.now()), transactions: charged.map(transactionView) });
  });

  router.on('GET', `${base}/webhook-deliveries`, ({ req, res }) => {
    authorize(req);
    sendJson(
      res,
      200,
      service.webhooks.deliveries.map(({ body: raw, ...delivery }) => ({ ...delivery, event: JSON.parse(raw) })),
    );
  });

  router.on(['GET', 'PUT'], `${base}/webhook-endpoint`, async ({ req, res }) => {
    authorize(req);
    if (req.method === 'PUT') {
      const check = validator(await body({ req }));
      const url = check.string('url', {
        required: true,
        max: 2000,
        pattern: /^https?:\/\/\S+$/,
        patternMessage: 'must be an http(s) URL.',
      });
      const secret = check.string('secret', { max: 200 });
      check.done();
      service.webhooks.configure({ url, secret });
    }
    sendJson(res, 200, { url: service.webhooks.url || null });
  });
}

// How the Paiwise stand-in's checkout API is reached: `POST <base>/checkout/<name>` with the bearer API key and
// a JSON object body, answering the object in its new state; validation problems are 422 naming every field.
// @ts-check
import { bearerToken, HttpError, readJsonObject, safeEqual, sendJson, trackFields } from '../../shared/http.mjs';
import { validator } from '../../shared/validate.mjs';

export const PAIWISE_API_KEY = 'paiwise_sandbox_demo';

/** @param {import('node:http').IncomingMessage} req */
function authorize(req) {
  const key = bearerToken(req);
  if (key === null || !safeEqual(key, PAIWISE_API_KEY)) {
    throw new HttpError(401, 'unauthorized', `The bearer API key is missing or wrong (sandbox: ${PAIWISE_API_KEY}).`);
  }
}

/**
 * A validator over a Paiwise request body: 422 naming every field; `""` is as good as absent.
 * @param {Record<string, any>} body
 */
export const check = (body) => validator(body, { status: 422, emptyIsMissing: true, trim: false, kinds: true });

/**
 * The object a request names by `checkout_id` / `customer_id`; 404 naming the field if none.
 * @template T
 * @param {Map<string, T>} map
 * @param {Record<string, unknown>} body
 * @param {'checkout' | 'customer'} kind
 * @returns {T}
 */
export function findBy(map, body, kind) {
  const field = `${kind}_id`;
  const checked = check(body);
  const id = checked.string(field, { required: true, max: 100 });
  checked.done();
  const found = map.get(/** @type {string} */ (id));
  if (!found) throw new HttpError(404, `${kind}_not_found`, `No ${kind} "${id}".`, { field });
  return found;
}

/**
 * `on(name, handler)` registers `POST <base>/checkout/<name>`: bearer key, a JSON object body, the handler's
 * object as the answer.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {string} base
 */
export const apiRoutes = (router, base) => ({
  /**
   * @param {string} name
   * @param {(body: Record<string, any>, req: import('node:http').IncomingMessage) => object} handler
   */
  on(name, handler) {
    router.on('POST', `${base}/checkout/${name}`, async ({ req, res }) => {
      authorize(req);
      sendJson(res, 200, handler(trackFields(req, await readJsonObject(req)), req));
    });
  },
});

/** @typedef {ReturnType<typeof apiRoutes>} ApiRoutes */

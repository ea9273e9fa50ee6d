// How the PekoPay stand-in's REST resources are reached: routes under `/tenants/:tenantId` with Basic auth and
// the tenant checked first, their JSON object bodies, and the create / list / read routes of a simple resource.
// @ts-check
import { readJsonObject, sendJson, trackFields } from '../../shared/http.mjs';
import { validator } from '../../shared/validate.mjs';
import { authorize } from './tokens.mjs';

/**
 * @typedef {import('../index.mjs').RequestContext & { tenantId: string, params: Record<string, string> }} TenantContext
 * @typedef {{ on(method: string, path: string, handler: (ctx: TenantContext) => unknown): void }} TenantRoutes
 */

/**
 * Routes under `${base}/tenants/:tenantId`, each behind Basic auth and the tenant check.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {string} base
 * @returns {TenantRoutes}
 */
export const tenantRoutes = (router, base) => ({
  on(method, path, handler) {
    router.on(method, `${base}/tenants/:tenantId${path}`, async (ctx, params) => {
      authorize(ctx.req, params.tenantId);
      await handler({ ...ctx, tenantId: params.tenantId, params });
    });
  },
});

/**
 * The request's JSON object body (`{}` when empty); the fields the route never reads are named in the answer.
 * @param {{ req: import('node:http').IncomingMessage }} ctx
 */
export const body = async ({ req }) => trackFields(req, await readJsonObject(req));

/**
 * Registers `POST` (create), `GET` (list) and `GET /:id` (read) of one catalog resource.
 * @template {{ id: string }} T
 * @param {TenantRoutes} routes
 * @param {import('./service.mjs').PekoPayService} service
 * @param {{ path: string, what: string, map: () => Map<string, T>, read: (check: import('../../shared/validate.mjs').Validator, createdAt: number) => T, view: (item: T) => unknown }} resource
 */
export function resourceRoutes(routes, service, { path, what, map, read, view }) {
  routes.on('POST', path, async (ctx) => {
    const check = validator(await body(ctx));
    const item = read(check, service.now());
    check.done();
    map().set(item.id, item);
    sendJson(ctx.res, 201, view(item));
  });
  routes.on('GET', path, ({ res }) => sendJson(res, 200, [...map().values()].map(view)));
  routes.on('GET', `${path}/:id`, ({ res, params }) => sendJson(res, 200, view(service.find(map(), params.id, what, `${what}Id`, 404))));
}

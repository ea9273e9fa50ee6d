// PekoPay customers and their cards: create (an email is one customer), find by email, read, update, delete,
// keep a payment token's card, choose the default card, list the cards.
// @ts-check
import { HttpError, sendJson } from '../../shared/http.mjs';
import { fieldError, validator } from '../../shared/validate.mjs';
import { newId } from './model.mjs';
import { body } from './routes.mjs';
import { creditCardView, customerView } from './views.mjs';

const CUSTOMER_TYPES = ['INDIVIDUAL', 'BUSINESS'];
const CARD_TYPES = ['VISA', 'MASTERCARD', 'AMEX'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{4,30}$/;

/**
 * @param {Record<string, any>} input
 * @param {boolean} partial PUT: every field optional, at least one
 */
function customerFields(input, partial) {
  const check = validator(input);
  const fields = {
    firstname: check.string('firstname', { required: !partial, max: 100 }),
    lastname: check.string('lastname', { required: !partial, max: 100 }),
    email: check
      .string('email', { required: !partial, max: 254, pattern: EMAIL, patternMessage: 'must be an email address.' })
      ?.toLowerCase(),
    phone: check.string('phone', { max: 30, pattern: PHONE, patternMessage: 'must be a phone number, e.g. +1-604-555-1111.' }),
    type: check.string('type', { oneOf: CUSTOMER_TYPES, fallback: partial ? undefined : 'INDIVIDUAL' }),
  };
  if (partial && !check.errors.length && Object.values(fields).every((value) => value === undefined)) {
    check.fail('body', 'must set at least one of firstname, lastname, email, phone, type.');
  }
  check.done();
  return fields;
}

/**
 * @param {import('./service.mjs').PekoPayService} service
 * @param {string | undefined} email
 * @param {string} [except] the customer being updated
 */
function assertEmailFree(service, email, except) {
  if (email === undefined) return;
  const owner = [...service.state.customers.values()].find((customer) => customer.email === email && customer.id !== except);
  if (owner) {
    throw new HttpError(409, 'customer_exists', `A customer with email ${email} exists.`, {
      field: 'email',
      fields: [{ field: 'email', message: `email ${email} belongs to customer ${owner.id}.` }],
      customerId: owner.id,
    });
  }
}

/**
 * @param {import('./routes.mjs').TenantRoutes} routes
 * @param {import('./service.mjs').PekoPayService} service
 */
export function registerCustomerRoutes(routes, service) {
  /** @param {import('./routes.mjs').TenantContext} ctx */
  const customerOf = ({ params }) => service.find(service.state.customers, params.customerId, 'customer', 'customerId', 404);

  routes.on('POST', '/customers', async (ctx) => {
    const fields = customerFields(await body(ctx), false);
    assertEmailFree(service, fields.email);
    const at = service.now();
    const { firstname, lastname, email, type } = /** @type {Record<keyof typeof fields, string>} */ (fields);
    /** @type {import('./model.mjs').Customer} */
    const customer = {
      id: newId('cus'),
      firstname,
      lastname,
      email,
      phone: fields.phone ?? null,
      type,
      cards: [],
      createdAt: at,
      updatedAt: at,
    };
    service.state.customers.set(customer.id, customer);
    sendJson(ctx.res, 201, customerView(customer));
  });

  routes.on('GET', '/customers', ({ res, url }) => {
    const email = url.searchParams.get('email')?.trim().toLowerCase();
    const customers = [...service.state.customers.values()].filter((customer) => !email || customer.email === email);
    sendJson(res, 200, customers.map(customerView));
  });

  routes.on('GET', '/customers/:customerId', (ctx) => sendJson(ctx.res, 200, customerView(customerOf(ctx))));

  routes.on('PUT', '/customers/:customerId', async (ctx) => {
    const customer = customerOf(ctx);
    const fields = customerFields(await body(ctx), true);
    assertEmailFree(service, fields.email, customer.id);
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) Object.assign(customer, { [key]: value });
    }
    customer.updatedAt = service.now();
    sendJson(ctx.res, 200, customerView(customer));
  });

  routes.on('DELETE', '/customers/:customerId', (ctx) => {
    const customer = customerOf(ctx);
    service.state.customers.delete(customer.id);
    sendJson(ctx.res, 200, { id: customer.id, deleted: true });
  });

  routes.on('PUT', '/customers/:customerId/payment-methods', async (ctx) => {
    const customer = customerOf(ctx);
    const check = validator(await body(ctx));
    const paymentToken = check.string('paymentToken', { required: true, max: 200 });
    check.done();
    service.saveCard(customer, service.takeCard(customer, paymentToken, ctx.tenantId, 'paymentToken'));
    sendJson(ctx.res, 200, customerView(customer));
  });

  routes.on('GET', '/customers/:customerId/credit-cards', (ctx) => sendJson(ctx.res, 200, customerOf(ctx).cards.map(creditCardView)));

  routes.on('PUT', '/customers/:customerId/credit-card/choose', async (ctx) => {
    const customer = customerOf(ctx);
    const check = validator(await body(ctx));
    const last4 = check.string('cardLastFourDigits', { required: true, max: 4, pattern: /^\d{4}$/, patternMessage: 'must be 4 digits.' });
    const cardType = check.string('cardType', { required: true, oneOf: CARD_TYPES });
    check.done();
    const card = customer.cards.find((saved) => saved.cardLastFourDigits === last4 && saved.cardType === cardType);
    if (!card) throw fieldError('card_not_found', 'cardLastFourDigits', `The customer has no ${cardType} card ending in ${last4}.`);
    for (const saved of customer.cards) saved.default = saved === card;
    customer.updatedAt = service.now();
    sendJson(ctx.res, 200, customerView(customer));
  });
}

// PekoPay one-time transactions: charge a cart of products (a payment token's card, or the customer's default
// card), idempotent under `Idempotency-Key`; list and read them (subscription charges included).
// @ts-check
import { sendJson } from '../../shared/http.mjs';
import { fieldError, validator } from '../../shared/validate.mjs';
import { MAX_QUANTITY, TAX_CODES } from './model.mjs';
import { body } from './routes.mjs';
import { declined } from './service.mjs';
import { transactionView } from './views.mjs';

const MAX_ITEMS = 100;

/**
 * `items: [{ productId, quantity }]`, checked into `check`.
 * @param {import('../../shared/validate.mjs').Validator} check
 * @param {unknown} items
 */
function readItems(check, items) {
  /** @type {{ productId: string, quantity: number }[]} */
  const read = [];
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ITEMS) {
    check.fail('items', `must be an array of 1 to ${MAX_ITEMS} { productId, quantity }.`);
    return read;
  }
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      check.fail(`items[${index}]`, 'must be an object { productId, quantity }.');
      return;
    }
    const line = check.nested(item, `items[${index}].`);
    const productId = line.string('productId', { required: true });
    const quantity = line.integer('quantity', { required: true, min: 1, max: MAX_QUANTITY });
    if (productId !== undefined && quantity !== undefined) read.push({ productId, quantity });
  });
  return read;
}

/**
 * The transaction's lines, priced from the products; all in one currency.
 * @param {import('./service.mjs').PekoPayService} service
 * @param {{ productId: string, quantity: number }[]} items
 */
function priceItems(service, items) {
  const lines = items.map(({ productId, quantity }, index) => {
    const product = service.find(service.state.products, productId, 'product', `items[${index}].productId`, 422);
    if (!product.active) throw fieldError('product_inactive', `items[${index}].productId`, `Product ${productId} is not active.`);
    return { product, line: { productId, name: product.name, quantity, unitPriceCents: product.priceCents } };
  });
  const currency = lines[0].product.currency;
  const other = lines.findIndex(({ product }) => product.currency !== currency);
  if (other >= 0) throw fieldError('currency_mismatch', `items[${other}].productId`, `Every item must be priced in ${currency}.`);
  return { currency, lines: lines.map(({ line }) => line) };
}

/**
 * @param {import('./routes.mjs').TenantRoutes} routes
 * @param {import('./service.mjs').PekoPayService} service
 */
export function registerTransactionRoutes(routes, service) {
  routes.on('POST', '/transactions', async (ctx) => {
    const input = await body(ctx);
    service.idempotent(ctx, `${ctx.tenantId} transactions`, input, () => {
      const check = validator(input);
      const paymentToken = check.string('paymentToken', { max: 200 });
      const customerId = check.string('customerId', { required: true });
      const taxCodes = check.codes('taxRatesOptions', TAX_CODES);
      const items = readItems(check, input.items);
      check.done();
      const customer = service.find(service.state.customers, /** @type {string} */ (customerId), 'customer', 'customerId', 422);
      const { currency, lines } = priceItems(service, items);
      const card = service.takeCard(customer, paymentToken, ctx.tenantId, 'paymentToken');
      const txn = service.recordCharge({
        tenantId: ctx.tenantId,
        type: 'ONE_TIME',
        customerId: customer.id,
        subscriptionId: null,
        currency,
        lines,
        taxCodes,
        card,
      });
      if (txn.status !== 'SUCCEEDED') throw declined(txn);
      service.saveCard(customer, card);
      return { status: 201, body: transactionView(txn) };
    });
  });

  routes.on('GET', '/transactions', ({ res, url }) => {
    const customerId = url.searchParams.get('customerId');
    const subscriptionId = url.searchParams.get('subscriptionId');
    const transactions = [...service.state.transactions.values()].filter(
      (txn) => (!customerId || txn.customerId === customerId) && (!subscriptionId || txn.subscriptionId === subscriptionId),
    );
    sendJson(res, 200, transactions.map(transactionView));
  });

  routes.on('GET', '/transactions/:transactionId', ({ res, params }) => {
    sendJson(
      res,
      200,
      transactionView(service.find(service.state.transactions, params.transactionId, 'transaction', 'transactionId', 404)),
    );
  });
}

// The demo shop's one-time checkout with PekoPay, as the seeds' e-commerce example says: a cart priced by the
// server, paid once with the payment token (or a saved card) under the browser's Idempotency-Key; orders keep
// PekoPay's transaction id; a returning customer's saved cards.
// @ts-check
import { randomUUID } from 'node:crypto';
import { HttpError, readJsonObject, sendJson } from '../../sandbox/shared/http.mjs';
import { CATALOG, priceCart } from './catalog.mjs';
import { chargeWithRetry, customerOf, forBrowser, idempotencyKeyOf, requireString, savedCardOf, toBrowser } from './shop.mjs';

/**
 * @typedef {import('./shop.mjs').Shop} Shop
 * @typedef {import('./shop.mjs').Cart} Cart
 * @typedef {import('../pekopay-backend.mjs').Route} Route
 */

/** @param {{ last4?: string, cardLastFourDigits: string, cardType: string, default: boolean }} card */
const cardForElement = (card) => ({ last4: card.cardLastFourDigits, cardType: card.cardType, default: card.default });

/**
 * `items: [{ sku, quantity }]`: products of the shop, each once, 1 to 99 of each.
 * @param {unknown} items
 */
function cartItems(items) {
  if (!Array.isArray(items) || items.length === 0 || items.length > 20) {
    throw new HttpError(400, 'validation_error', 'items must list 1 to 20 products.', { field: 'items' });
  }
  /** @type {{ sku: string, quantity: number }[]} */
  const lines = items.map((item, index) => {
    const sku = item?.sku;
    if (!CATALOG.products.some((product) => product.sku === sku)) {
      throw new HttpError(400, 'validation_error', `items[${index}].sku is not a product of this shop.`, { field: `items[${index}].sku` });
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 99) {
      throw new HttpError(400, 'validation_error', `items[${index}].quantity must be 1 to 99.`, { field: `items[${index}].quantity` });
    }
    return { sku, quantity: item.quantity };
  });
  if (new Set(lines.map((line) => line.sku)).size !== lines.length) {
    throw new HttpError(400, 'validation_error', 'items must list each product once.', { field: 'items' });
  }
  return lines;
}

/**
 * A returning customer's saved cards, in the element's `cards` shape. Demo shortcut: the shop knows its
 * customer by the e-mail typed in; a real shop lists the cards of the signed-in account only.
 * @param {Shop} shop
 * @param {string} email
 */
async function savedCardsOf(shop, email) {
  try {
    const [known] = await shop.client.listCustomers({ email });
    return known ? (await shop.client.listCreditCards(known.id)).map(cardForElement) : [];
  } catch {
    return []; // no saved cards to offer is not a reason to refuse the cart
  }
}

/**
 * Charges a cart: PekoPay's transaction, retried safely under our order id, and the shop's order for it.
 * @param {Shop} shop
 * @param {Cart} cart
 * @param {{ paymentToken: string } | { savedCard: import('./shop.mjs').PekoPayCardRef }} paidWith
 */
async function placeOrder(shop, cart, paidWith) {
  const { client } = shop;
  const orderId = `ord_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const customer = await client.findOrCreateCustomer(cart.customer);
  if ('savedCard' in paidWith) {
    // The seeds' "choose default card", then a transaction without a token charges that card.
    const { savedCard } = paidWith;
    const cards = await client.listCreditCards(customer.id);
    if (!cards.some((card) => card.cardLastFourDigits === savedCard.cardLastFourDigits && card.cardType === savedCard.cardType)) {
      throw new HttpError(422, 'card_not_found', 'This customer has no such saved card.', { field: 'savedCard' });
    }
    await client.chooseDefaultCard(customer.id, savedCard);
  }
  const transaction = await shop.withCatalog((ids) =>
    chargeWithRetry(() =>
      client.createTransaction(
        {
          ...('paymentToken' in paidWith ? { paymentToken: paidWith.paymentToken } : {}),
          customerId: customer.id,
          items: cart.items.map(({ sku, quantity }) => ({ productId: /** @type {string} */ (ids.products.get(sku)), quantity })),
          taxRatesOptions: CATALOG.taxes.map((tax) => tax.code),
        },
        // Our order id, so that a retry of this very charge is never a second charge.
        { idempotencyKey: orderId },
      ),
    ),
  );
  const order = {
    orderId,
    cartId: cart.cartId,
    status: 'paid',
    transactionId: transaction.id,
    customerId: customer.id,
    currency: transaction.currency,
    lines: cart.price.lines,
    total: transaction.total,
    // The server's own total; a difference would be a pricing bug to reconcile, never the browser's say.
    expectedTotal: cart.price.total,
    totalsMatch: transaction.total === cart.price.total,
    card: transaction.card,
    confirmedByWebhook: false,
    createdAt: new Date().toISOString(),
  };
  shop.orders.set(orderId, order);
  cart.orderId = orderId;
  return { order, transaction };
}

/**
 * `POST /api/pekopay/checkout/complete` `{ paymentToken, cartId }` (the seed's payload), or
 * `{ savedCard: { last4, cardType }, cartId }` for a card the customer saved earlier, with the
 * `Idempotency-Key` of `pay-token`: charges the cart once. A retry with the same key gets the same order;
 * without a key the cart itself is the key. A cart is paid at most once.
 * @param {Shop} shop
 * @returns {Route}
 */
const completeCheckout =
  (shop) =>
  async ({ req, res }) => {
    const body = await readJsonObject(req);
    const savedCard = body.savedCard == null ? undefined : savedCardOf(body.savedCard);
    const paymentToken = savedCard ? undefined : requireString(body, 'paymentToken');
    const cartId = requireString(body, 'cartId');
    const cart = shop.carts.get(cartId);
    if (!cart) throw new HttpError(404, 'cart_not_found', 'This cart does not exist (any more). Reload the page.');
    const key = idempotencyKeyOf(req) ?? `cart:${cartId}`;
    const earlier = shop.ordersByKey.get(key);
    if (earlier) {
      if (earlier.cartId !== cartId) {
        throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another cart.', { field: 'Idempotency-Key' });
      }
      // The first caller's failure, told as the first caller is told it (a 410 for a token that cannot be charged).
      return sendJson(res, 200, { ...(await toBrowser(() => earlier.placing)), replayed: true });
    }
    if (cart.orderKey) {
      const order = cart.orderId ? shop.orders.get(cart.orderId) : undefined;
      throw new HttpError(409, 'cart_already_paid', 'This cart is already paid or being paid.', { orderId: order?.orderId });
    }
    cart.orderKey = key;
    const placing = placeOrder(
      shop,
      cart,
      paymentToken ? { paymentToken } : { savedCard: /** @type {import('./shop.mjs').PekoPayCardRef} */ (savedCard) },
    );
    shop.ordersByKey.set(key, { cartId, placing });
    try {
      sendJson(res, 201, await placing);
    } catch (error) {
      // Nothing was charged: the shopper may pay this cart again (with a new token and key).
      shop.ordersByKey.delete(key);
      delete cart.orderKey;
      throw forBrowser(error);
    }
  };

/**
 * The shop's one-time checkout routes.
 * @param {Shop} shop
 * @returns {Record<string, Route>}
 */
export const orderRoutes = (shop) => ({
  /**
   * `POST /cart` `{ items: [{ sku, quantity }], customer: { email, firstname, lastname } }` → the cart priced by
   * the server, with the `cartId` to pay it.
   */
  'POST /cart': async ({ req, res }) => {
    const body = await readJsonObject(req);
    const customer = customerOf(body);
    const items = cartItems(body.items);
    const cart = { cartId: `cart_${randomUUID()}`, customer, items, price: priceCart(items) };
    shop.carts.set(cart.cartId, cart);
    sendJson(res, 201, { cartId: cart.cartId, customer, ...cart.price, savedCards: await savedCardsOf(shop, customer.email) });
  },
  'POST /checkout/complete': completeCheckout(shop),
  'GET /orders/:orderId': async ({ res, params }) => {
    const order = shop.orders.get(params.orderId);
    if (!order) throw new HttpError(404, 'order_not_found', 'No such order.');
    sendJson(res, 200, { order });
  },
  /**
   * `GET /customers/:customerId/cards` → `[{ last4, cardType, default }]`, the shape of the element's `cards`
   * property. (A real shop would take the customer from the signed-in session.)
   */
  'GET /customers/:customerId/cards': async ({ res, params }) => {
    const cards = await toBrowser(() => shop.client.listCreditCards(params.customerId));
    sendJson(res, 200, cards.map(cardForElement));
  },
});

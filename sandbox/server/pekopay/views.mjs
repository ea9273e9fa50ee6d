// What the PekoPay stand-in answers for each resource: money in major units, dates in ISO 8601, never a
// sandbox-only field.
// @ts-check
import { iso, isoOrNull, money, planLine, priceOf } from './model.mjs';

/**
 * The amounts of a price in major units, as PekoPay's API writes money.
 * @param {ReturnType<typeof priceOf>} price
 */
const priceView = ({ subtotal, taxes, taxTotal, total }) => ({
  subtotal: money(subtotal),
  taxes: taxes.map((tax) => ({ ...tax, amount: money(tax.amount) })),
  taxTotal: money(taxTotal),
  total: money(total),
});

/** @param {import('./model.mjs').Card} card */
export const cardView = ({ cardLastFourDigits, cardType }) => ({ cardLastFourDigits, cardType });

/** @param {import('./model.mjs').Card} card */
export const creditCardView = (card) => ({ ...cardView(card), default: card.default });

/** @param {import('./model.mjs').Customer} customer */
export const customerView = (customer) => ({
  id: customer.id,
  firstname: customer.firstname,
  lastname: customer.lastname,
  email: customer.email,
  phone: customer.phone,
  type: customer.type,
  creditCards: customer.cards.map(creditCardView),
  createdAt: iso(customer.createdAt),
  updatedAt: iso(customer.updatedAt),
});

/** @param {import('./model.mjs').Product} product */
export const productView = ({ priceCents, createdAt, ...rest }) => ({ ...rest, price: money(priceCents), createdAt: iso(createdAt) });

/** @param {import('./model.mjs').Plan} plan */
export const planView = ({ amountCents, createdAt, ...rest }) => ({
  ...rest,
  recurringChargeAmount: money(amountCents),
  createdAt: iso(createdAt),
});

/** @param {import('./model.mjs').Transaction} txn */
export const transactionView = (txn) => ({
  id: txn.id,
  type: txn.type,
  status: txn.status,
  customerId: txn.customerId,
  subscriptionId: txn.subscriptionId,
  currency: txn.currency,
  items: txn.lines.map(({ unitPriceCents, ...line }) => ({
    ...line,
    unitPrice: money(unitPriceCents),
    amount: money(unitPriceCents * line.quantity),
  })),
  ...priceView(priceOf(txn.lines, txn.taxCodes)),
  card: cardView(txn.card),
  failureReason: txn.status === 'DECLINED' ? 'card_declined' : null,
  createdAt: iso(txn.createdAt),
});

/**
 * @param {import('./model.mjs').Subscription} sub
 * @param {import('./model.mjs').Plan} plan its current plan
 */
export const subscriptionView = (sub, plan) => ({
  id: sub.id,
  status: sub.status,
  customerId: sub.customerId,
  planId: sub.planId,
  planName: plan.name,
  quantity: sub.quantity,
  applicableTaxes: sub.applicableTaxes,
  currency: plan.currency,
  chargeFrequency: plan.chargeFrequency,
  // What each period costs under the current plan and quantity.
  amount: money(plan.amountCents * sub.quantity),
  ...priceView(priceOf([planLine(plan, sub.quantity)], sub.applicableTaxes)),
  trialEndsAt: isoOrNull(sub.trialEndsAt),
  currentPeriodStart: iso(sub.currentPeriodStart),
  currentPeriodEnd: iso(sub.currentPeriodEnd),
  nextBillingDate: sub.status === 'CANCELED' ? null : iso(sub.nextBillingAt),
  gracePeriodDays: plan.gracePeriodDays,
  graceEndsAt: isoOrNull(sub.graceEndsAt),
  paymentSource: cardView(sub.card),
  createdAt: iso(sub.createdAt),
  updatedAt: iso(sub.updatedAt),
  canceledAt: isoOrNull(sub.canceledAt),
  cancelReason: sub.cancelReason,
});

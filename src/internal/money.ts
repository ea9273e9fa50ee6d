// Amounts: the element takes minor units and an ISO currency, and shows them the payer's way.

/** Formats `minor` units of `currency` for `locale`: (9900, 'CAD', 'en') → "CA$99.00". */
export const formatMoney = (minor: number, currency: string, locale: string): string => {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
};

/** Money is integer minor units with an ISO 4217 currency; this is how Steward writes it for people. */

const formats = new Map<string, Intl.NumberFormat>();

/** "$4,500.00": amounts in timeline titles and explanations (the currency's own decimals). */
export function formatMoney(minor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formats.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * ISO 4217 currency codes as the runtime's ICU data knows them, so the list stays current with
 * Node and browser updates instead of a copy kept by hand.
 */
const CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

export const isCurrencyCode = (code: string): boolean => CODES.has(code);

/** The message for a code that is not one, with a hint when only the capitals are missing. */
export const currencyProblem = (code: string): string | null => {
  if (CODES.has(code)) return null;
  const upper = code.toUpperCase();
  if (CODES.has(upper)) return `must be written in capitals: ${upper}`;
  return "must be a three-letter ISO currency code such as USD or EUR";
};

/**
 * Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, the day plus 60) are never collected: no form or API body accepts
 * one in any free-text field, and admins can find any that got in before this rule
 * (personnummer-report.ts). One rule, used everywhere through the shared field schemas.
 *
 * Written forms caught: YYMMDD-NNNN, YYMMDD+NNNN (over a hundred), YYMMDD NNNN,
 * YYYYMMDD-NNNN, YYYYMMDD NNNN and YYYYMMDDNNNN, each with a date that exists as such a
 * number's date; and YYMMDDNNNN without a separator when its check digit is right (ten
 * digits in a row are also how many write a phone number, 0701234567, and nine in ten of
 * those fail the check).
 */

const DATE = String.raw`(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])`;
const WITH_SEPARATOR = new RegExp(String.raw`(?<![\d-])(?:(?:19|20)\d{2}|\d{2})${DATE}[-+ ]\d{4}(?!\d)`);
const TWELVE_DIGITS = new RegExp(String.raw`(?<!\d)(?:19|20)\d{2}${DATE}\d{4}(?!\d)`);
const TEN_DIGITS = new RegExp(String.raw`(?<!\d)\d{2}${DATE}\d{4}(?!\d)`, "g");

/** The Luhn check of YYMMDDNNNC: doubling every other digit from the first. */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

export function looksLikePersonnummer(text: string): boolean {
  if (WITH_SEPARATOR.test(text) || TWELVE_DIGITS.test(text)) return true;
  for (const m of text.matchAll(TEN_DIGITS)) if (luhnValid(m[0])) return true;
  return false;
}

const CANDIDATE = new RegExp(String.raw`(?<![\d-])(?:(?:19|20)\d{2}|\d{2})${DATE}[-+ ]?\d{4}(?!\d)`, "g");

/** The same text with each personnummer's digits hidden, for reports that must not show it. */
export function maskPersonnummer(text: string): string {
  return text.replace(CANDIDATE, (m) => (looksLikePersonnummer(m) ? m.replace(/\d/g, "•") : m));
}

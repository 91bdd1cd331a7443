/**
 * Swedish organisation numbers (organisationsnummer): ten digits, the last a Luhn
 * (modulus 10) check digit over the first nine, written NNNNNN-NNNN.
 * Example: 212000-0142.
 */
export function normaliseOrgNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidOrgNumber(input: string): boolean {
  const digits = normaliseOrgNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

export function formatOrgNumber(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;
}

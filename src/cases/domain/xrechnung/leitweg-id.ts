/**
 * The Leitweg-ID (KoSIT, "Format-Spezifikation Leitweg-ID"): Grobadressierung of 2 to 12 digits,
 * optionally a Feinadressierung of up to 30 letters and digits, and two check digits computed by
 * ISO/IEC 7064 MOD 97-10 over the whole, letters counting A=10 … Z=35, case-insensitive.
 */
const LEITWEG_ID = /^[0-9]{2,12}(-[0-9A-Za-z]{1,30})?-[0-9]{2}$/;

export function isLeitwegId(value: string): boolean {
  return LEITWEG_ID.test(value) && mod97(value) === 1;
}

/** The two check digits that complete a Leitweg-ID without them ("13003000-JUGENDAMT" → "35"). */
export function leitwegCheckDigits(withoutCheck: string): string {
  const remainder = mod97(`${withoutCheck}00`);
  return String(98 - remainder).padStart(2, '0');
}

/** Remainder modulo 97 of the digits, letters as two digits; digit by digit, so no number overflows. */
function mod97(value: string): number {
  let remainder = 0;
  for (const char of value.toUpperCase()) {
    if (char === '-') continue;
    const digits = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/**
 * EAN13, the barcode that identifies a medicine pack in the GMR
 * (seeds/001_225b0d72771d4c3f.txt:L472): twelve digits and a check digit.
 */

const TWELVE_DIGITS = /^\d{12}$/;
const THIRTEEN_DIGITS = /^\d{13}$/;

/** The GS1 check digit of the first twelve digits of an EAN13 (weights 1 and 3 from the left). */
export function ean13CheckDigit(firstTwelve: string): number {
  if (!TWELVE_DIGITS.test(firstTwelve)) throw new RangeError('an EAN13 body is exactly 12 digits');
  let sum = 0;
  for (let index = 0; index < 12; index += 1) {
    sum += Number(firstTwelve[index]) * (index % 2 === 0 ? 1 : 3);
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 13 digits whose last digit is the check digit of the first twelve. */
export function isValidEan13(code: string): boolean {
  return THIRTEEN_DIGITS.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** Completes twelve digits into a valid EAN13 by appending the check digit. */
export function withCheckDigit(firstTwelve: string): string {
  return `${firstTwelve}${ean13CheckDigit(firstTwelve)}`;
}

/** Why an EAN-13 is refused (empty, not 13 digits, wrong check digit), or null when it is valid. */
export function ean13Problem(code: string): 'REQUIRED' | 'EAN13_FORM' | 'EAN13_CHECK_DIGIT' | null {
  if (code === '') return 'REQUIRED';
  if (!THIRTEEN_DIGITS.test(code)) return 'EAN13_FORM';
  return ean13CheckDigit(code.slice(0, 12)) === Number(code[12]) ? null : 'EAN13_CHECK_DIGIT';
}

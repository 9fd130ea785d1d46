/** `Alpine Gear Blog` → `alpine-gear-blog` (ASCII only, for domains and codes). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** A German IBAN with valid ISO 13616 check digits (fake bank and account numbers). */
export function fakeIban(bankCode: string, account: string): string {
  const bban = bankCode.padStart(8, '0') + account.padStart(10, '0')
  // Move "DE00" to the end, letters to numbers (D=13, E=14), then 98 − (n mod 97).
  const numeric = `${bban}131400`
  let remainder = 0
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97
  const check = String(98 - remainder).padStart(2, '0')
  return `DE${check}${bban}`
}

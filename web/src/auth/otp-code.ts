/** Keeps the digits of what was typed or pasted ("123 456" → "123456"), at most six. */
export function digitsOnly(value: unknown): string {
  return String(value ?? '')
    .replace(/\D/g, '')
    .slice(0, 6);
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
export function groupsOfFour(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

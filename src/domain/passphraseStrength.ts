/**
 * How hard a passphrase is to guess, roughly, for the first start's meter. The administrator's
 * passphrase protects everything, so the meter nudges towards several words; it refuses nothing
 * (the minimum length is the data layer's rule).
 */
export type PassphraseStrength = 'weak' | 'fair' | 'strong';

/** Estimated bits from length and the kinds of characters used; few distinct characters count less. */
export function passphraseBits(passphrase: string): number {
  const kinds = [/[a-zäöüß]/, /[A-ZÄÖÜ]/, /\d/, /[^a-zA-ZäöüßÄÖÜ\d]/];
  const sizes = [30, 29, 10, 33];
  const pool = kinds.reduce((sum, kind, i) => (kind.test(passphrase) ? sum + sizes[i] : sum), 0);
  if (pool === 0) return 0;
  const distinct = new Set(passphrase).size;
  const length = Math.min(passphrase.length, distinct * 2);
  return Math.round(length * Math.log2(pool));
}

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const bits = passphraseBits(passphrase);
  return bits < 50 ? 'weak' : bits < 75 ? 'fair' : 'strong';
}

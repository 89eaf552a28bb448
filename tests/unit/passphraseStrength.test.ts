/** The first start's passphrase meter (src/domain/passphraseStrength.ts). */
import { describe, expect, it } from 'vitest';
import { passphraseBits, passphraseStrength } from '../../src/domain/passphraseStrength';

describe('passphraseStrength', () => {
  it('calls short or one-kind passphrases weak, several words strong', () => {
    expect(passphraseStrength('')).toBe('weak');
    expect(passphraseStrength('password1')).toBe('weak');
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('Sommer2024!')).toBe('fair');
    expect(passphraseStrength('correct horse battery')).toBe('strong');
    expect(passphraseStrength('Kaffee, Tinte & 3 Stühle')).toBe('strong');
  });

  it('counts repeated characters less', () => {
    expect(passphraseBits('abababababab')).toBeLessThan(passphraseBits('abcdefghijkl'));
    expect(passphraseBits('')).toBe(0);
  });
});

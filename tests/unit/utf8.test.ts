/** utf8 / utf8InPlace give TextEncoder's bytes for every kind of text, whatever its length. */
import { describe, expect, it } from 'vitest';
import { inPlaceEncoder, utf8, utf8InPlace } from '../../src/domain/utf8';

const texts = [
  '',
  'Müller',
  'Yılmaz „Notiz“ ✓',
  '😀 emoji and a lone surrogate \ud800 end',
  'ß'.repeat(3000),
  '€'.repeat(20_000), // three bytes each: grows the shared buffer
  'a'.repeat(100_000),
];

describe('utf8', () => {
  it('gives the bytes TextEncoder gives, in place and as a copy', () => {
    const encoder = new TextEncoder();
    for (const text of texts) {
      expect(Array.from(utf8InPlace(text))).toEqual(Array.from(encoder.encode(text)));
      expect(utf8(text)).toEqual(encoder.encode(text));
    }
  });

  it('keeps a copy when the shared buffer is written again', () => {
    const kept = utf8('Köln');
    const inPlace = utf8InPlace('Köln');
    utf8InPlace('Berlin');
    expect(new TextDecoder().decode(kept)).toBe('Köln');
    expect(new TextDecoder().decode(inPlace)).not.toBe('Köln');
  });

  it('gives each in-place encoder a buffer of its own', () => {
    const aad = inPlaceEncoder();
    const text = utf8InPlace('persons/p-1 {"kind":"contact"}');
    const additional = aad('persons/p-1');
    expect(new TextDecoder().decode(text)).toBe('persons/p-1 {"kind":"contact"}');
    expect(new TextDecoder().decode(additional)).toBe('persons/p-1');
  });
});

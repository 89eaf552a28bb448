// A vCard's physical lines, split by one pass: the same lines as the regular expression it replaced
// (`/\r*\n|\r/`), which took quadratic time on a long run of carriage returns — a hostile file of
// them held the import's worker for hours (attacker review).
import { describe, expect, it } from 'vitest';
import { physicalLines } from '../../src/formats/vcard/syntax';

describe('a vCard split into lines', () => {
  it('breaks as before at LF, CRLF, CR alone and CRs before an LF', () => {
    const pieces = ['a', 'b', '', ' c', '\r', '\n', '\r\n', '\r\r\n', '\r\r', 'ü'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join('');
      expect(physicalLines(text), JSON.stringify(text)).toEqual(text.split(/\r*\n|\r/));
    }
  });

  it('takes a megabyte of carriage returns as that many lines, in one pass', () => {
    const text = `BEGIN:VCARD\n${'\r'.repeat(1_000_000)}END:VCARD`;
    const lines = physicalLines(text);
    expect(lines.length).toBe(1_000_002);
    expect([lines[0], lines.at(-1)]).toEqual(['BEGIN:VCARD', 'END:VCARD']);
  });
});

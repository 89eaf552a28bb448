/**
 * The short form of an id (domain/shortId.ts) names what a person must tell apart: the letters'
 * reference ("Zeichen") and the neutral part of a download's file name. Ids made together by an
 * import share their first 24 characters (data/core/batchIds.ts): the short forms must differ anyway.
 */
import { describe, expect, it } from 'vitest';
import { batchIds } from '../../src/data/core/batchIds';
import { campaignReference, memberMatches } from '../../src/domain/campaign';
import { shortId, SHORT_ID_LENGTH } from '../../src/domain/shortId';
import { neutralRef } from '../../src/ui/rights/files';

const CAMPAIGN = 'c0ffee00-1111-4222-8333-444455556666';
/** One import's persons: one shared prefix, a counter at the end. */
const next = batchIds();
const BATCH = Array.from({ length: 1_000 }, () => next());

describe('shortId', () => {
  it('gives eight characters a person can type (Crockford’s base 32), the same for the same id', () => {
    for (const id of [...BATCH.slice(0, 20), CAMPAIGN, 'purpose-advertising', ''])
      expect(shortId(id)).toMatch(new RegExp(`^[0-9a-hjkmnp-tv-z]{${SHORT_ID_LENGTH}}$`));
    // The first 40 bits of the SHA-256, in base 32: the same for the same id on every device.
    expect(shortId(CAMPAIGN)).toBe('1bw2pkcq');
    // A hash, not a part of the id.
    expect(BATCH[7].replace(/-/g, '')).not.toContain(shortId(BATCH[7]));
  });

  it('tells apart every person of one import batch', () => {
    expect(new Set(BATCH.map((id) => id.slice(0, 24))).size).toBe(1);
    expect(new Set(BATCH.map(shortId)).size).toBe(BATCH.length);
  });
});

describe('campaignReference', () => {
  it('differs for each imported person of a batch, short and without personal data', () => {
    const refs = BATCH.map((id) => campaignReference(CAMPAIGN, id));
    expect(new Set(refs).size).toBe(BATCH.length);
    for (const ref of refs.slice(0, 20)) expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(campaignReference(CAMPAIGN, BATCH[0])).toBe(`${shortId(CAMPAIGN)}-${shortId(BATCH[0])}`.toUpperCase());
  });
});

describe('neutralRef', () => {
  it('names the downloads of two persons of one batch differently, in the file-name form', () => {
    expect(neutralRef(BATCH[0])).not.toBe(neutralRef(BATCH[1]));
    expect(new Set(BATCH.map(neutralRef)).size).toBe(BATCH.length);
    expect(neutralRef(BATCH[0])).toMatch(/^[a-z0-9]{8}$/);
    expect(neutralRef(BATCH[0])).toBe(shortId(BATCH[0]));
  });
});

describe('a campaign member found by the search', () => {
  const reference = campaignReference('c0ffee00-0000-4000-8000-000000000001', 'p-1');

  it('by the Zeichen a reply quotes: whole, in part, in any case, without its hyphen', () => {
    expect(memberMatches(reference, reference, 'Müller, Hans')).toBe(true);
    expect(memberMatches(reference.toLowerCase().replace('-', ' '), reference, 'Müller, Hans')).toBe(true);
    expect(memberMatches(reference.slice(-6), reference, 'Müller, Hans')).toBe(true);
    const other = campaignReference('c0ffee00-0000-4000-8000-000000000001', 'p-2');
    expect(memberMatches(other, reference, 'Müller, Hans')).toBe(false);
  });

  it('by words of the name, as the person search folds them', () => {
    expect(memberMatches('mueller', reference, 'Müller, Hans')).toBe(true);
    expect(memberMatches('hans mül', reference, 'Müller, Hans')).toBe(true);
    expect(memberMatches('Hans Meier', reference, 'Müller, Hans')).toBe(false);
    // Three characters are a name's part, not a Zeichen's.
    expect(memberMatches(reference.slice(0, 3), reference, 'Müller, Hans')).toBe(false);
  });
});

/**
 * What a device holds of other devices' audit chains: entries applied before v16 as single records
 * (found by `origin`), later ones as segments, a run of a chain each (found by `chain`). Both are
 * read together, by a few seqs, by a scan of the chain, for their hashes and for each chain's head.
 */
import { describe, expect, it } from 'vitest';
import { rawConnection } from '../../src/data/db';
import { HeldEntries } from '../../src/data/sync/held';
import { readChainHeads } from '../../src/data/queries/auditIntegrity';
import { originOf, segmentOf } from '../../src/domain/auditSegment';
import { KEYED_CHAIN, type ChainedEntry } from '../../src/domain/auditChain';
import { freshDb } from './helpers';
import { auditEntries } from './sample-data';

/** `device`'s entry `seq` as stored here at local place `local`. */
function remote(device: string, seq: number, local: number): ChainedEntry & { origin: string } {
  const [entry] = auditEntries(1);
  return {
    ...entry,
    seq: local,
    chain: KEYED_CHAIN,
    prevHash: `prev-${device}-${seq}`,
    hash: `hash-${device}-${seq}`,
    origin: originOf(device, seq),
  };
}

async function bookHolding() {
  const { db } = await freshDb();
  const raw = rawConnection(db);
  const base = 1_000;
  // x/1–3 as single records (applied before segments), x/4–6 and x/9 as runs, y/1–2 as a run.
  await raw.auditLog.bulkAdd([1, 2, 3].map((s) => remote('x', s, base + s / 100)));
  const run = (device: string, from: number, to: number, at: number) =>
    segmentOf(
      Array.from({ length: to - from + 1 }, (_v, i) => remote(device, from + i, at + i / 100)),
      [device, from, to],
    );
  await raw.auditSegments.bulkAdd([run('x', 4, 6, base + 0.5), run('y', 1, 2, base + 0.6), run('x', 9, 9, base + 0.7)]);
  return db;
}

describe('the entries of other devices’ chains held here', () => {
  it('are found among a few seqs and by a scan of the chain, single records and runs alike', async () => {
    const db = await bookHolding();
    expect([...(await new HeldEntries(db).held('x', [2, 5, 7, 9]))].sort()).toEqual([2, 5, 9]);
    expect([...(await new HeldEntries(db).held('y', [1, 3]))]).toEqual([1]);
    const many = Array.from({ length: 80 }, (_v, i) => i + 1);
    const scanned = await new HeldEntries(db).held('x', many);
    expect([...scanned].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 9]);
  });

  it('give their hashes by the chain’s seq, and each chain’s head', async () => {
    const db = await bookHolding();
    const hashes = await new HeldEntries(db).hashes('x', [3, 5, 8]);
    expect(Object.fromEntries(hashes)).toEqual({ 3: 'hash-x-3', 5: 'hash-x-5' });
    const heads = await readChainHeads(db, 'here');
    expect(heads.x).toEqual({ lastSeq: 9, hash: 'hash-x-9' });
    expect(heads.y).toEqual({ lastSeq: 2, hash: 'hash-y-2' });
  });
});

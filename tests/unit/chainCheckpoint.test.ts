// Signed checkpoints of the per-device audit chains (issue 20, item 4): what each rule names.
import { describe, expect, it } from 'vitest';
import { judgeCheckpoints, signCheckpoint, type ChainCheckpoint } from '../../src/domain/chainCheckpoint';

const KEY = new Uint8Array(32).fill(7);
const chains = new Map([
  [
    'dev-a',
    new Map([
      [1, 'a1'],
      [2, 'a2'],
      [3, 'a3'],
    ]),
  ],
  ['dev-b', new Map([[1, 'b1']])],
]);

function cp(id: string, device: string, at: string, heads: ChainCheckpoint['heads']): ChainCheckpoint {
  return signCheckpoint({ id, device, at, heads }, KEY);
}

describe('judging chain checkpoints', () => {
  it('accepts checkpoints every chain here reaches', () => {
    const list = [
      cp('1', 'dev-b', '2026-01-01T10:00:00Z', {
        'dev-a': { lastSeq: 2, hash: 'a2' },
        'dev-b': { lastSeq: 1, hash: 'b1' },
      }),
      cp('2', 'dev-b', '2026-01-01T11:00:00Z', { 'dev-a': { lastSeq: 3, hash: 'a3' } }),
    ];
    expect(judgeCheckpoints(list, chains, KEY)).toBeUndefined();
  });

  it('names a chain that no longer reaches a head some device saw, and one rewritten there', () => {
    const seen = cp('1', 'dev-b', '2026-01-01T10:00:00Z', { 'dev-a': { lastSeq: 5, hash: 'a5' } });
    expect(judgeCheckpoints([seen], chains, KEY)).toEqual({
      problem: 'truncated',
      device: 'dev-a',
      seq: 5,
      reportedBy: 'dev-b',
    });
    const other = cp('2', 'dev-a', '2026-01-01T10:00:00Z', { 'dev-a': { lastSeq: 2, hash: 'x2' } });
    expect(judgeCheckpoints([other], chains, KEY)).toMatchObject({ problem: 'changed', device: 'dev-a', seq: 2 });
  });

  it('names a device whose later checkpoint holds less of a chain than its earlier one', () => {
    const list = [
      cp('2', 'dev-a', '2026-01-01T11:00:00Z', { 'dev-a': { lastSeq: 2, hash: 'a2' } }),
      cp('1', 'dev-a', '2026-01-01T10:00:00Z', { 'dev-a': { lastSeq: 3, hash: 'a3' } }),
    ];
    expect(judgeCheckpoints(list, chains, KEY)).toEqual({
      problem: 'cutBack',
      device: 'dev-a',
      seq: 3,
      reportedBy: 'dev-a',
    });
  });

  it('names a checkpoint not signed with the audit key, or changed after signing', () => {
    const good = cp('1', 'dev-b', '2026-01-01T10:00:00Z', { 'dev-a': { lastSeq: 2, hash: 'a2' } });
    const changed = { ...good, heads: { 'dev-a': { lastSeq: 1, hash: 'a1' } } };
    expect(judgeCheckpoints([changed], chains, KEY)).toEqual({ problem: 'forged', checkpoint: '1', device: 'dev-b' });
    const otherKey = signCheckpoint({ ...good }, new Uint8Array(32).fill(9));
    expect(judgeCheckpoints([otherKey], chains, KEY)).toMatchObject({ problem: 'forged' });
  });
});

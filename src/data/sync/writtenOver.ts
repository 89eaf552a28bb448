/**
 * The members' versions an administrator's device wrote over (writeOver.ts), as this device knows
 * them from the entries saying so (AuditEntry.overrides: that device's own, or another's as its
 * chain arrives): kept in the settings, so the entries of those changes are marked written over
 * when read (domain/heldBack.ts) without reading the log for them — on the device that refused the
 * version, on one that applied it before, and on one that never held it alike. Derived from the
 * log, sync state like the quarantine (core/syncSettings.ts): a restore or a new connection starts
 * without it.
 */
import type { Transaction } from 'dexie';
import type { AuditEntry } from '../../domain/audit';
import { overridesOf, writtenOverChange, type HeldBackPersonChange } from '../../domain/heldBack';
import { SYNC_WRITTEN_OVER_KEY } from '../core/syncSettings';

const idOf = (c: HeldBackPersonChange) => `${c.key} ${overridesOf(c)}`;

/** Keeps the changes the written-over entries among `chains`' entries name, in the applier's transaction. */
export async function noteWrittenOver(
  tx: Transaction,
  chains: readonly { entries: readonly Pick<AuditEntry, 'overrides' | 'personId'>[] }[],
): Promise<void> {
  const found: HeldBackPersonChange[] = [];
  for (const { entries } of chains)
    for (const entry of entries) {
      const change = entry.overrides === undefined ? undefined : writtenOverChange(entry);
      if (change) found.push(change);
    }
  if (!found.length) return;
  const stored = (await tx.table('settings').get(SYNC_WRITTEN_OVER_KEY)) as
    { value?: HeldBackPersonChange[] } | undefined;
  const kept = stored?.value ?? [];
  const known = new Set(kept.map(idOf));
  const added = found.filter((c) => !known.has(idOf(c)) && known.add(idOf(c)));
  if (added.length) await tx.table('settings').put({ key: SYNC_WRITTEN_OVER_KEY, value: [...kept, ...added] });
}

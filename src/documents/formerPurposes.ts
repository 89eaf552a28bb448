/**
 * The purposes a person's data was processed for before and is no longer (Art. 15(1)(c): the
 * recipients to whom the data "have been" disclosed, and Art. 15(2) a transfer then): a consent
 * withdrawn, and an own purpose changed since — read from the consents and the person's log.
 */
import type { AuditEntry } from '../domain/audit';
import { purposeIdsProcessedFor, type Consent } from '../domain/consent';
import type { Purpose } from '../domain/purpose';

export interface FormerPurpose {
  purpose: Purpose;
  /**
   * Why it ended: a consent withdrawn, the person's own purpose changed, or — a change made for it
   * while the own purpose was another — when it was last named.
   */
  ended: 'withdrawn' | 'changed' | 'lastNamed';
  /** When: the withdrawal's date (YYYY-MM-DD), the change's or the last naming's moment (ISO). */
  at: string;
}

/** Entries of the person's data processed for their purpose: entered, changed, imported. */
const DATA_ACTIONS: readonly AuditEntry['action'][] = ['create', 'update', 'import'];

export function formerPurposesOf(
  person: { purposeId: string },
  consents: readonly Consent[],
  entries: readonly AuditEntry[],
  purposes: readonly Purpose[],
): FormerPurpose[] {
  const current = new Set(purposeIdsProcessedFor(person, consents));
  const found = new Map<string, Omit<FormerPurpose, 'purpose'>>();
  for (const c of consents) {
    if (c.status !== 'withdrawn' || !c.withdrawnAt) continue;
    for (const id of c.purposeIds) {
      const known = found.get(id);
      if (!current.has(id) && (!known || c.withdrawnAt > known.at))
        found.set(id, { ended: 'withdrawn', at: c.withdrawnAt });
    }
  }
  // A change of the data names the purpose it was made for; one no longer processed for ended with
  // the change of the own purpose after its last naming, if one came. Held-back entries changed nothing.
  const changes = entries
    .filter((e) => DATA_ACTIONS.includes(e.action) && e.purposeId && !e.heldBack)
    .sort((a, b) => (a.seq !== undefined && b.seq !== undefined ? a.seq - b.seq : a.at.localeCompare(b.at)));
  changes.forEach((e, i) => {
    if (current.has(e.purposeId) || found.get(e.purposeId)?.ended === 'withdrawn') return;
    if (changes.slice(i + 1).some((later) => later.purposeId === e.purposeId)) return;
    const next = changes.slice(i + 1).find((later) => later.fieldKeys.includes('purposeId'));
    found.set(e.purposeId, next ? { ended: 'changed', at: next.at } : { ended: 'lastNamed', at: e.at });
  });
  return [...found].flatMap(([id, ended]) => {
    const purpose = purposes.find((p) => p.id === id);
    return purpose ? [{ purpose, ...ended }] : [];
  });
}

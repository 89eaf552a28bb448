/**
 * Which persons each worklist shows, as ids in name order: the data layer's list functions decide
 * membership from indexes without reading a person record, and the order comes from the person
 * directory (as the person list's does). Rows fetch only the records in view.
 */
import { consentWithdrawnPersonIds, noReasonPersonIds, retentionDuePersons } from '../../data/worklist';
import type { WorklistKind } from '../../domain/worklist';
import type { ConsentbookDB } from '../../data/db';
import { sortedPersonIds } from '../person/search';

export const WORKLIST_KINDS: readonly WorklistKind[] = ['noReason', 'consentWithdrawn', 'retentionDue'];

/** Warning periods offered for the retention list, in months (0: due by today). */
export const WARNING_MONTHS = [0, 3, 6, 12] as const;
export type WarningMonths = (typeof WARNING_MONTHS)[number];

export interface WorklistData {
  kind: WorklistKind;
  /** The listed persons, ordered by name (retention: by date, then name). */
  ids: string[];
  /** Retention list only: person id → first day deletion is possible. */
  dates: Map<string, string>;
  /** How many persons each list holds (for the tab labels). */
  counts: Record<WorklistKind, number>;
}

/** YYYY-MM-DD of the local calendar day `months` months after `from`. */
export function addMonths(from: Date, months: number): string {
  const d = new Date(from.getFullYear(), from.getMonth() + months, from.getDate());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function parseKind(value: string | null): WorklistKind {
  return (WORKLIST_KINDS as readonly string[]).includes(value ?? '') ? (value as WorklistKind) : 'noReason';
}

export function parseMonths(value: string | null): WarningMonths {
  const n = Number(value);
  return (WARNING_MONTHS as readonly number[]).includes(n) ? (n as WarningMonths) : 0;
}

export async function loadWorklist(
  db: ConsentbookDB,
  kind: WorklistKind,
  months: WarningMonths,
  now = new Date(),
): Promise<WorklistData> {
  const [noReason, withdrawn, due] = await Promise.all([
    noReasonPersonIds(db),
    consentWithdrawnPersonIds(db),
    retentionDuePersons(db, addMonths(now, months)),
  ]);
  const counts: Record<WorklistKind, number> = {
    noReason: noReason.length,
    consentWithdrawn: withdrawn.length,
    retentionDue: due.size,
  };
  const members = kind === 'noReason' ? noReason : kind === 'consentWithdrawn' ? withdrawn : [...due.keys()];
  if (members.length === 0) return { kind, ids: [], dates: due, counts };
  const wanted = new Set(members);
  // The directory's order: no person record is read to order the list.
  const ordered = (await sortedPersonIds(db)).filter((id) => wanted.has(id));
  if (kind === 'retentionDue') {
    const rank = new Map(ordered.map((id, i) => [id, i]));
    ordered.sort((a, b) =>
      due.get(a)! < due.get(b)! ? -1 : due.get(a)! > due.get(b)! ? 1 : rank.get(a)! - rank.get(b)!,
    );
  }
  return { kind, ids: ordered, dates: due, counts };
}

/** The worklist's choices as the address bar holds them: which list, which warning period. */
import type { WorklistKind } from '../../domain/worklist';

export const WORKLIST_KINDS: readonly WorklistKind[] = ['noReason', 'consentMissing', 'retentionDue', 'notInformed'];

/** Warning periods offered for the retention list, in months (0: due by today). */
export const WARNING_MONTHS = [0, 3, 6, 12] as const;
export type WarningMonths = (typeof WARNING_MONTHS)[number];

export function parseKind(value: string | null): WorklistKind {
  return (WORKLIST_KINDS as readonly string[]).includes(value ?? '') ? (value as WorklistKind) : 'noReason';
}

export function parseMonths(value: string | null): WarningMonths {
  const n = Number(value);
  return (WARNING_MONTHS as readonly number[]).includes(n) ? (n as WarningMonths) : 0;
}

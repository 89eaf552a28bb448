/**
 * Importing persons (vCard, CSV): one purpose and one comment for the whole batch, logged per
 * person with action "import" and the file name, all-or-nothing in one transaction.
 */
import { newPerson, type Person } from '../../domain/person';
import { WATCHED_FIELD_KEYS } from '../../domain/fields';
import type { ConsentbookDB, StoredPerson } from '../db';
import type { ChangeReason } from '../core/context';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { writeWith } from '../write';

export interface MergeInto {
  existingId: string;
  person: Person;
}

export interface ImportBatch {
  /** The file or files read (several joined by ", "), for the audit entries. */
  fileName: string;
  /** New persons to add. */
  persons: Person[];
  /** Candidates merged into stored persons: their non-empty fields fill or replace the stored ones. */
  merges?: MergeInto[];
}

export interface ImportResult {
  added: number;
  merged: number;
}

const CHUNK = 1000;

const oneLine = (name: string) => name.replace(/[\r\n]/g, ' ').slice(0, 200);

/** Fields a merge carries over: every watched field and the unwatched ones, when non-empty. */
function mergePerson(existing: StoredPerson, incoming: Person): StoredPerson {
  const merged: StoredPerson = { ...existing };
  for (const key of [...WATCHED_FIELD_KEYS, 'organisation', 'position', 'note'] as const) {
    const value = incoming[key];
    if (Array.isArray(value)) {
      if (value.length)
        (merged as unknown as Record<string, unknown>)[key] =
          key === 'furtherPhones' ? [...new Set([...(existing.furtherPhones ?? []), ...(value as string[])])] : value;
    } else if (typeof value === 'string' && value.trim()) {
      (merged as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

export async function importPersons(
  db: ConsentbookDB,
  session: Session,
  batch: ImportBatch,
  reason: ChangeReason,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  if (!reason.comment.trim() || !reason.purposeId)
    throw new RuleError('error.importReason', 'An import needs one purpose and one comment for the batch');
  const fileName = oneLine(batch.fileName);
  const now = new Date().toISOString();
  const records = batch.persons.map((p) => ({
    ...newPerson(p.kind),
    ...p,
    id: p.id || crypto.randomUUID(),
    // Each person names its own file when several were read (the parsers set `import:<file>`).
    source: `import:${p.source.startsWith('import:') ? oneLine(p.source.slice(7)) : fileName}`,
    createdAt: now,
    updatedAt: now,
    version: 0,
  })) as StoredPerson[];
  const merges = batch.merges ?? [];
  const total = records.length + merges.length;
  await writeWith(
    db,
    { session, reason, intent: 'import', auditContext: `import:${fileName}` },
    [db.persons],
    async () => {
      for (let i = 0; i < records.length; i += CHUNK) {
        if (signal?.aborted)
          throw new RuleError('error.importCancelled', 'The import was cancelled; nothing was stored');
        await db.persons.bulkAdd(records.slice(i, i + CHUNK));
        onProgress?.(Math.min(i + CHUNK, records.length), total);
      }
      for (const [i, m] of merges.entries()) {
        if (signal?.aborted)
          throw new RuleError('error.importCancelled', 'The import was cancelled; nothing was stored');
        const existing = await db.persons.get(m.existingId);
        if (!existing) throw new RuleError('error.personMissing', `No person ${m.existingId}`);
        await db.persons.put(mergePerson(existing, m.person));
        if (i % 100 === 99) onProgress?.(records.length + i + 1, total);
      }
      // A cancel that arrives after the last chunk still rolls everything back.
      if (signal?.aborted) throw new RuleError('error.importCancelled', 'The import was cancelled; nothing was stored');
    },
  );
  onProgress?.(total, total);
  return { added: records.length, merged: merges.length };
}

/**
 * Importing persons (vCard, CSV): one purpose and one comment for the whole batch, logged per
 * person with action "import" and the file name, all-or-nothing in one transaction. The rules
 * apply per person (a batch may mix kinds): only a natural person takes the purpose.
 */
import { informationAfterDataFromElsewhere, informationOf, newInformation } from '../../domain/information';
import { isNaturalPerson, newPerson, type AsStored, type Person } from '../../domain/person';
import { WATCHED_FIELD_KEYS } from '../../domain/fields';
import { normaliseCode } from '../../domain/diff';
import { phoneKey } from '../../formats/import/duplicates';
import type { ConsentbookDB, StoredPerson } from '../db';
import type { ChangeReason } from '../core/context';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { withDerivedFields } from '../core/derived';
import { AUDIT_TEXTS, offerPresealed } from '../middleware/presealed';
import { presealNewPersons } from '../middleware/presealPersons';
import { writeWith } from '../write';
import { batchIds } from '../core/batchIds';

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

/**
 * Persons per step: one bulk write per table. A chunk's sealing, rules, chain links and IndexedDB
 * requests run in one stretch on the main thread — inside the transaction nothing may yield, or it
 * would commit — so this size bounds the page's longest task (1,000 made tasks of seconds). With
 * chunks under way together a task can hold one chunk's rules and an earlier one's chain links: 50.
 */
const CHUNK = 50;

/**
 * Chunks issued inside the transaction before the oldest is waited for. Measured on the kept
 * 100,000-person book (10,000 cards, AMD EPYC, 2 cores; medians of 4): 2 → 8.5 s, 4 → 7.5 s,
 * 8 → 6.9 s, 16 → 7.3 s; but with 8 the import's longest task reached 170–181 ms (several chunks'
 * completions taken in one task), with 4 at most 82 ms, as with 2 — and 4 was as fast in the runs
 * that measured both.
 */
export const UNDER_WAY = 4;

const oneLine = (name: string) => name.replace(/[\r\n]/g, ' ').slice(0, 200);

const ADDRESS = ['street', 'postalCode', 'city', 'country'] as const;

/**
 * Fields a merge carries over, when the file has them: the watched ones and organisation, position
 * and note. Nothing stored is lost where the person has room for more: a replaced phone or fax
 * number joins the further numbers, bank accounts are added to theirs (by IBAN). An address is
 * taken whole — street, postal code, city and country from the file, or none of them — so no
 * address is mixed of two. Data that changed came from elsewhere on `at`: the Art. 14 clock
 * restarts for a person already informed.
 */
function mergePerson(existing: AsStored<StoredPerson>, incoming: Person, at: string): StoredPerson {
  const merged = { ...existing } as StoredPerson;
  const fields = merged as unknown as Record<string, unknown>;
  const given = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  const addressGiven = ADDRESS.some((k) => given(incoming[k]));
  const numbers = new Set(existing.furtherPhones ?? []);
  for (const key of [...WATCHED_FIELD_KEYS, 'organisation', 'position', 'note'] as const) {
    const value = incoming[key];
    if ((ADDRESS as readonly string[]).includes(key)) {
      if (addressGiven) fields[key] = given(value) ? value : '';
    } else if (key === 'furtherPhones') {
      for (const n of incoming.furtherPhones) numbers.add(n);
    } else if (key === 'bankAccounts') {
      const held = new Set(existing.bankAccounts.map((b) => normaliseCode(b.iban)));
      const added = incoming.bankAccounts.filter((b) => !held.has(normaliseCode(b.iban)));
      if (added.length) merged.bankAccounts = [...existing.bankAccounts, ...added];
    } else if (given(value)) {
      const before = existing[key];
      if ((key === 'phone' || key === 'fax') && given(before) && phoneKey(before) !== phoneKey(value))
        numbers.add(before);
      fields[key] = value;
    }
  }
  const kept = [...numbers].filter((n) => phoneKey(n) !== phoneKey(merged.phone));
  if (kept.length !== (existing.furtherPhones ?? []).length || kept.some((n, i) => n !== existing.furtherPhones?.[i]))
    merged.furtherPhones = kept;
  const changed = JSON.stringify(merged) !== JSON.stringify(existing);
  return changed ? { ...merged, information: informationAfterDataFromElsewhere(informationOf(existing), at) } : merged;
}

/**
 * What the rules will store for a new imported person (rules/persons.ts): guessed, to seal it
 * before the transaction; a wrong guess only makes the middleware seal that person anew.
 */
function asStored(record: StoredPerson, purposeId: string): StoredPerson {
  const natural = isNaturalPerson(record);
  return withDerivedFields({
    ...record,
    version: 1,
    purposeId: natural ? purposeId : record.purposeId,
  });
}

const cancelled = () => new RuleError('error.importCancelled', 'The import was cancelled; nothing was stored');

/**
 * One transaction writes the new persons, a chunk at a time — each sealed just before its write —
 * with one bulk write per table, and then the merges. A cancel aborts it: nothing is stored.
 */
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
  // The batch's new ids adjacent: fewer bytes for IndexedDB to write and merge (core/batchIds.ts).
  const newId = batchIds();
  const asRecord = (p: Person) =>
    ({
      ...newPerson(p.kind),
      ...p,
      id: p.id || newId(),
      // Each person names its own file when several were read (the parsers set `import:<file>`).
      source: `import:${p.source.startsWith('import:') ? oneLine(p.source.slice(7)) : fileName}`,
      createdAt: now,
      updatedAt: now,
      changedAt: now,
      // Obtained from elsewhere: the one-month clock of Art. 14(3) starts (set here, so the preseal guesses it).
      information: newInformation(now, 'elsewhere'),
      version: 0,
    }) as StoredPerson;
  const merges = batch.merges ?? [];
  const total = batch.persons.length + merges.length;
  // The text each new person's audit entry will have (rules/persons.ts, audit.ts).
  const auditText = { comment: reason.comment.trim(), context: `import:${fileName}` };
  await writeWith(
    db,
    { session, reason, intent: 'import', auditContext: `import:${fileName}` },
    [db.persons],
    async (tx) => {
      // Chunks under way together (UNDER_WAY): the main thread runs one chunk's rules and chain
      // links while IndexedDB writes those before, and IndexedDB always has the next queued (with
      // one chunk queued it waited for each hand-over). The first chunk goes alone: it reads what
      // the rules cache (settings, purposes, the chain's head), after which every chunk takes the
      // same steps, so each issues its writes, and appends its entries, before the next — the
      // chain stays in the file's order.
      //
      // Each chunk is sealed in the task that writes it (presealPersons.ts), by this thread's
      // synchronous cipher while IndexedDB writes the chunks before: sealed in the open pool's
      // workers before the transaction, the import waited for the sealing and then for the writing
      // (10,000 cards into the kept 100,000-person book: the write 1.12–1.26 × its raw floor then,
      // 0.97–1.01 × now; README, "Import"). The middleware still takes a sealed value only for
      // the record it was sealed from (presealed.ts).
      const persons = batch.persons;
      const underWay: Promise<unknown>[] = [];
      for (let i = 0; i < persons.length; i += CHUNK) {
        if (signal?.aborted) throw cancelled();
        const chunk = persons.slice(i, i + CHUNK).map(asRecord);
        if (db.sealing) {
          const sealed = presealNewPersons(
            db,
            chunk.map((r) => asStored(r, reason.purposeId)),
            auditText,
          );
          offerPresealed(tx.idbtrans, 'persons', sealed.persons);
          offerPresealed(tx.idbtrans, AUDIT_TEXTS, sealed.auditTexts);
        }
        const writing = db.persons.bulkAdd(chunk).then(() => onProgress?.(Math.min(i + CHUNK, persons.length), total));
        // A failure is thrown where it is awaited; a chunk after it is not waited for.
        writing.catch(() => undefined);
        underWay.push(writing);
        if (i === 0 || underWay.length >= UNDER_WAY) await underWay.shift();
      }
      await Promise.all(underWay);
      for (let i = 0; i < merges.length; i += CHUNK) {
        if (signal?.aborted) throw cancelled();
        const chunk = merges.slice(i, i + CHUNK);
        const existing = await db.persons.bulkGet(chunk.map((m) => m.existingId));
        // Two candidates merged into one person: the second merges into the first's result.
        const merged = new Map<string, StoredPerson>();
        for (const [j, m] of chunk.entries()) {
          const stored = merged.get(m.existingId) ?? existing[j];
          if (!stored) throw new RuleError('error.personMissing', `No person ${m.existingId}`);
          merged.set(m.existingId, mergePerson(stored, m.person, now));
        }
        await db.persons.bulkPut([...merged.values()]);
        onProgress?.(persons.length + i + chunk.length, total);
      }
      // A cancel that arrives after the last chunk still rolls everything back.
      if (signal?.aborted) throw cancelled();
    },
  );
  onProgress?.(total, total);
  return { added: batch.persons.length, merged: merges.length };
}

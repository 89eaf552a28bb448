/** Consents: recorded actively by a user, withdrawn with evidence, never edited or deleted. */
import { consentProblems, type Consent, type ConsentChannel, type ConsentEvidence } from '../../domain/consent';
import type { ConsentbookDB, StoredFile } from '../db';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { writeWith } from '../write';

export interface EvidenceFile {
  name: string;
  mimeType: string;
  data: Uint8Array;
}

export interface ConsentInput {
  personId: string;
  purposeIds: string[];
  givenAt: string;
  channel: ConsentChannel;
  text: string;
  channelNote?: string;
  /** A stored file, or the id of a Kontakt transaction holding the evidence. */
  evidenceFile?: EvidenceFile;
  evidenceTransactionId?: string;
  campaignId?: string;
  /** The user ticked "confirmed" themselves: consent is never recorded as pre-given. */
  confirmedByUser: boolean;
}

/** Evidence is the person's data: it carries their id, so their key seals it (and erasure reaches it). */
function fileRecord(ownerId: string, personId: string, file: EvidenceFile): StoredFile {
  return {
    id: crypto.randomUUID(),
    ownerId,
    personId,
    name: file.name,
    mimeType: file.mimeType,
    size: file.data.byteLength,
    data: file.data,
    createdAt: new Date().toISOString(),
  };
}

function evidenceOf(file: StoredFile | undefined, transactionId: string | undefined, note: string): ConsentEvidence {
  if (file) return { type: 'file', fileId: file.id, fileName: file.name, mimeType: file.mimeType, size: file.size };
  if (transactionId) return { type: 'transaction', transactionId };
  return { type: 'none', note };
}

export async function recordConsent(db: ConsentbookDB, session: Session, input: ConsentInput): Promise<Consent> {
  const hasEvidence = !!input.evidenceFile || !!input.evidenceTransactionId;
  const problem = consentProblems({ ...input, hasEvidence }).at(0);
  if (problem)
    throw new RuleError(problem.messageKey, `Consent not recorded: ${problem.field} (${problem.messageKey})`);
  const id = crypto.randomUUID();
  const file = input.evidenceFile ? fileRecord(id, input.personId, input.evidenceFile) : undefined;
  const consent: Consent = {
    id,
    personId: input.personId,
    purposeIds: input.purposeIds,
    status: 'given',
    givenAt: input.givenAt,
    channel: input.channel,
    text: input.text.trim(),
    channelNote: input.channelNote?.trim() ?? '',
    evidence: evidenceOf(file, input.evidenceTransactionId, input.channelNote ?? ''),
    withdrawnAt: null,
    withdrawalEvidence: null,
    campaignId: input.campaignId ?? '',
    createdAt: new Date().toISOString(),
  };
  await writeWith(db, { session }, [db.consents, db.files, db.transactions], async () => {
    if (input.evidenceTransactionId) {
      const tx = await db.transactions.get(input.evidenceTransactionId);
      if (!tx || tx.kind !== 'contact' || !tx.personIds.includes(input.personId)) {
        throw new RuleError('error.consentEvidenceContact', 'The evidence must be a logged Kontakt of this person');
      }
    }
    if (file) await db.files.add(file);
    await db.consents.add(consent);
  });
  return consent;
}

export interface WithdrawalInput {
  withdrawnAt: string;
  evidenceFile?: EvidenceFile;
  evidenceTransactionId?: string;
  note?: string;
}

export async function withdrawConsent(
  db: ConsentbookDB,
  session: Session,
  consentId: string,
  input: WithdrawalInput,
): Promise<void> {
  if (!input.withdrawnAt) throw new RuleError('error.withdrawalNoDate', 'The date of the withdrawal is required');
  await writeWith(
    db,
    { session, reason: { purposeId: '', comment: input.note?.trim() ?? '' } },
    [db.consents, db.files],
    async () => {
      const consent = await db.consents.get(consentId);
      if (!consent) throw new RuleError('error.consentMissing', `No consent ${consentId}`);
      if (consent.status === 'withdrawn')
        throw new RuleError('error.consentWithdrawnAlready', 'This consent was withdrawn already');
      const file = input.evidenceFile ? fileRecord(consentId, consent.personId, input.evidenceFile) : undefined;
      if (file) await db.files.add(file);
      await db.consents.put({
        ...consent,
        status: 'withdrawn',
        withdrawnAt: input.withdrawnAt,
        withdrawalEvidence: evidenceOf(file, input.evidenceTransactionId, input.note ?? ''),
      });
    },
  );
}

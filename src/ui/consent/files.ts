/**
 * Evidence files in the UI: checked by content and size as soon as they are chosen (the data
 * layer checks again and refuses), and stored files opened again as a download under a neutral name.
 */
import { checkEvidenceFile, EVIDENCE_MIME, evidenceExtension, sniffEvidenceKind } from '../../domain/evidenceFile';
import type { EvidenceFile } from '../../data/commands/consents';
import { readStoredFile } from '../../data/queries/persons';
import { db } from '../db';
import type { Translate } from '../i18n';
import { downloadBytes } from '../download';
import { neutralRef } from '../rights/files';
import { localDate } from '../../domain/calendar';

export type ReadEvidence = { file: EvidenceFile; problem: null } | { file: null; problem: string };

/** Reads a chosen file and checks it; a refused file yields a message and nothing to store. */
export async function readEvidence(tr: Translate, file: File): Promise<ReadEvidence> {
  const data = new Uint8Array(await file.arrayBuffer());
  const problem = checkEvidenceFile(data);
  if (problem) return { file: null, problem: `${file.name}: ${tr(problem.messageKey, problem.params)}` };
  const kind = sniffEvidenceKind(data);
  // checkEvidenceFile refuses a file of no known kind, so there is one here.
  if (!kind) throw new Error(`${file.name}: passed the check without a known kind`);
  return { file: { name: file.name, mimeType: EVIDENCE_MIME[kind], data }, problem: null };
}

/**
 * Opens a stored file again: a real browser download named by the date and a neutral reference —
 * the stored name may hold a person's name, and Chromium keeps download names in its History —
 * with the extension of what the file holds, not of its name (domain/evidenceFile.ts).
 */
export async function openStoredFile(fileId: string, prefix: string): Promise<void> {
  const file = await readStoredFile(db, fileId);
  const ext = evidenceExtension(file.data);
  downloadBytes(file.data, `${prefix}-${localDate()}-${neutralRef(file.id)}.${ext}`, file.mimeType);
}

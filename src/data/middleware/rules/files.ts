/**
 * Stored files (consent evidence, attachments): a signed-in user with the edit permission; the
 * type is taken from the content, never from the name or what the caller claims. Files are proof:
 * every change and deletion of one is logged (its id and field keys; evidence under its person).
 */
import { checkEvidenceFile, EVIDENCE_MIME, sniffEvidenceKind } from '../../../domain/evidenceFile';
import type { StoredFile } from '../../core/records';
import { RuleError, type ErrorKey } from '../../core/errors';
import type { RecordProblem } from '../../../domain/recordProblem';
import { requirePermission } from '../../core/session';
import { permissionFor, type TableRule } from './rule';
import { proofChange } from './proof';

/** What a file is filed as: the type its content shows and its size, never what a caller claims. */
export function filedType(data: Uint8Array): { mimeType: string; size: number } {
  const kind = sniffEvidenceKind(data);
  return { mimeType: kind ? EVIDENCE_MIME[kind] : '', size: data.byteLength };
}

/** Why a file may not be stored (evidence, attachment): its content is empty, too large or of no accepted type. */
export function fileProblem(file: Pick<StoredFile, 'data'>): RecordProblem | undefined {
  if (!(file.data instanceof Uint8Array)) return { messageKey: 'evidence.empty', reason: 'it holds no content' };
  const problem = checkEvidenceFile(file.data);
  if (!problem) return undefined;
  return {
    messageKey: problem.messageKey,
    reason: `its content is refused (${problem.messageKey})`,
    params: problem.params,
  };
}

export const fileRules: TableRule<StoredFile> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  async beforeWrite(old, file, w) {
    const problem = fileProblem(file);
    if (problem)
      throw new RuleError(problem.messageKey as ErrorKey, `Evidence file ${file.name} refused: ${problem.messageKey}`, {
        ...problem.params,
        file: file.name,
      });
    // Set on the caller's record too: the command files the type and size with the consent.
    Object.assign(file, filedType(file.data));
    return { value: file, audit: await proofChange(w, 'file', file.id, old, file, old?.personId ?? '') };
  },
  beforeDelete: async (old, key, w) => ({
    audit: await proofChange(w, 'file', key, old, undefined, old?.personId ?? ''),
  }),
};

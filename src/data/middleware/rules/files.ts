/**
 * Stored files (consent evidence, attachments): a signed-in user with the edit permission; the
 * type is taken from the content, never from the name or what the caller claims. Files are proof:
 * every change and deletion of one is logged (its id and field keys; evidence under its person).
 */
import { checkEvidenceFile, EVIDENCE_MIME, sniffEvidenceKind } from '../../../domain/evidenceFile';
import type { StoredFile } from '../../core/records';
import { RuleError } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { permissionFor, type TableRule } from './rule';
import { proofChange } from './proof';

export const fileRules: TableRule<StoredFile> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  async beforeWrite(old, file, w) {
    const problem = checkEvidenceFile(file.data);
    if (problem)
      throw new RuleError(problem.messageKey, `Evidence file ${file.name} refused: ${problem.messageKey}`, {
        ...problem.params,
        file: file.name,
      });
    // Set on the caller's record too: the command files the type and size with the consent.
    file.mimeType = EVIDENCE_MIME[sniffEvidenceKind(file.data)!];
    file.size = file.data.byteLength;
    return { value: file, audit: await proofChange(w, 'file', file.id, old, file, old?.personId ?? '') };
  },
  beforeDelete: async (old, key, w) => ({
    audit: await proofChange(w, 'file', key, old, undefined, old?.personId ?? ''),
  }),
};

/**
 * Requests, breaches and campaigns: a signed-in user with the edit permission; their commands check
 * the rest. Requests and breaches are the record of how the controller met its duties (answering
 * within the deadline, Art. 12(3); documenting every breach, Art. 33(5)): every change is logged,
 * and they are never deleted. Filing an issued report with a request (intent `fileDocument`, the
 * report permission) adds to its documents and changes nothing else. Closing a request is logged
 * as that (`requestClosed`, with its kind and what was done), once — whichever command closed it.
 */
import { isOpen, type DataBreach, type DataSubjectRequest } from '../../../domain/requests';
import { RuleError } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { changedKeys, permissionFor, type TableRule } from './rule';
import { proofChange } from './proof';
import { auditEntry } from '../audit';
import { deleteRefused } from './deletes';

export const recordRules: TableRule<unknown> = {
  readsStored: false,
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  beforeWrite: (_old, next) => ({ value: next }),
  beforeDelete: () => ({}),
};

function kept(table: string): never {
  throw new RuleError('error.recordKept', `A ${table} record is kept: it documents how a duty was met`, { table });
}

export const requestRules: TableRule<DataSubjectRequest> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  async beforeWrite(old, next, w) {
    if (w.ctx.intent === 'fileDocument') {
      const filed = old && changedKeys(old, next).every((k) => k === 'documents');
      const appended = old && old.documents.every((d, i) => JSON.stringify(d) === JSON.stringify(next.documents[i]));
      if (!filed || !appended)
        throw new RuleError('error.fileDocumentOnly', 'Filing a report adds it to a request and changes nothing else');
      // The report's own entry (commands/documents.ts) is the record of it.
      return { value: next };
    }
    if (old && isOpen(old) && !isOpen(next)) {
      // Not "Geändert – Abgeschlossen am, Ergebnis, Status …" beside it: one entry says what happened
      // (none while GDPR support is off, as for every other change of a request).
      if ((await w.privacy()).gdprSupportDisabled) return { value: next };
      const done = next.outcome?.action ?? next.status;
      const closed = auditEntry(w.ctx, 'requestClosed', old.personId, {
        comment: next.statusReason ?? '',
        context: `${next.kind}:${done}`,
      });
      return { value: next, audit: closed };
    }
    return { value: next, audit: await proofChange(w, 'request', next.id, old, next, next.personId) };
  },
  beforeDelete: (old, _key, w) => (old && deleteRefused(w.table.name, w.ctx.intent) ? kept(w.table.name) : {}),
};

export const breachRules: TableRule<DataBreach> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  async beforeWrite(old, next, w) {
    return { value: next, audit: await proofChange(w, 'breach', next.id, old, next, '') };
  },
  beforeDelete: (old, _key, w) => (old && deleteRefused(w.table.name, w.ctx.intent) ? kept(w.table.name) : {}),
};

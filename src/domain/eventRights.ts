/**
 * Who may log which event. The log is proof: an event claims something was done — a report or
 * export issued, a request closed, the book connected to a server — so logging it needs what doing
 * it needs (the command that logs it checks the same first). Else any member could write a forged
 * proof. Checked where events join the log (data/middleware/audit.ts); entries written below the
 * rules (sync's applier, a restore's own entry) are no events of this device's user.
 */
import type { AuditAction } from './audit';
import type { Permission } from './user';

/** A permission, or 'admin': an administrator only. */
export type EventRight = Permission | 'admin';

/** The actions commands log as events of their own; every other action is logged with its write. */
const EVENT_RIGHTS: Partial<Record<AuditAction, EventRight>> = {
  // commands/documents.ts recordDocumentIssued, the whole-book export (queries/reports.ts)
  accessReport: 'issueReports',
  portabilityExport: 'issueReports',
  // sync/engine.ts configureSync (the settings' own entries are the rules', not events)
  settingsChanged: 'admin',
  // commands/requests.ts closeRequestsBy, which writes the request with it
  requestClosed: 'editPersons',
  // the register issued (commands/register.ts), campaign letters issued (commands/campaigns.ts)
  other: 'issueReports',
};

/** A campaign member's refusal, recorded by whoever records replies (commands/campaigns.ts). */
const CAMPAIGN_REFUSAL = /^campaign:.+:refused$/;

/** What logging `action` as an event needs; undefined: it is no event. */
export function rightToLog(action: string, context: string): EventRight | undefined {
  if (action === 'other' && CAMPAIGN_REFUSAL.test(context)) return 'editPersons';
  return Object.hasOwn(EVENT_RIGHTS, action) ? EVENT_RIGHTS[action as AuditAction] : undefined;
}

/** A conflict's resolution that changes no watched field logs its own 'update' (sync/conflicts.ts). */
export const RESOLUTION_RIGHT: Permission = 'editPersons';

export function holdsRight(
  actor: { isAdmin: boolean; permissions: ReadonlySet<Permission> },
  right: EventRight,
): boolean {
  return right === 'admin' ? actor.isAdmin : actor.permissions.has(right);
}

/**
 * Settings: changed, never deleted. The privacy settings and the controller need their permission
 * and are logged — even while GDPR support is off, since switching it is itself logged. The audit
 * chain's head is the log's own and written only with an entry.
 */
import { AUDIT_HEAD_KEY } from '../../../domain/auditChain';
import { DEFAULT_PRIVACY_SETTINGS, EMPTY_CONTROLLER } from '../../../domain/settings';
import type { Permission } from '../../../domain/user';
import type { SettingRecord } from '../../core/records';
import { AuditLogAppendOnlyError, RuleError } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { isDelete } from '../mutations';
import { changedKeys, type TableRule } from './rule';

const SETTING_PERMISSION: Record<string, Permission | undefined> = {
  privacy: 'changePrivacySettings',
  controller: 'changePrivacySettings',
  recipients: 'changePrivacySettings',
};

/** What a setting is before it was first stored, so the first change logs only what changed. */
const SETTING_DEFAULTS: Record<string, object | undefined> = {
  privacy: DEFAULT_PRIVACY_SETTINGS,
  controller: EMPTY_CONTROLLER,
  recipients: {},
};

export const settingRules: TableRule<SettingRecord> = {
  prepare(w) {
    if (isDelete(w.req)) throw new RuleError('error.settingsKept', 'Settings are changed, never deleted');
  },
  beforeWrite(old, next, w) {
    const key = next.key;
    if (key === AUDIT_HEAD_KEY) throw new AuditLogAppendOnlyError();
    const permission = SETTING_PERMISSION[key];
    if (!permission) return { value: next };
    requirePermission(w.ctx.session, permission);
    const before = { ...SETTING_DEFAULTS[key], ...((old?.value as object | undefined) ?? {}) };
    const changed = changedKeys(before, next.value);
    if (!changed.length) return { value: next };
    const comment = w.ctx.reason?.comment ?? '';
    return {
      value: next,
      audit: auditEntry(w.ctx, 'settingsChanged', '', { fieldKeys: changed, comment, context: `settings:${key}` }),
    };
  },
  beforeDelete: () => ({}),
};

/**
 * The Protokoll's Felder column: what an entry changed, in the user's words. Field keys become
 * labels; a settings entry names its area (from its context) and the changed fields' labels; a
 * recipient, purpose, user or group the entry names by id shows its current name — the book's own
 * names, never a person's data (the log holds no value, and neither does this text). A stored
 * proof's entry (an evidence file, a business transaction) says what it is. Pure: the screen
 * passes the names it reads live (AuditScreen.tsx).
 */
import type { AuditEntry } from '../../domain/audit';
import { fieldKeyLabel } from '../../domain/fieldLabels';
import { transactionFieldLabels } from '../../domain/transactionFieldLabels';
import { REGISTER_NOTES_KEY } from '../../domain/registerNotes';
import { RECIPIENTS_KEY, SYNC_OPERATOR_KEY } from '../../domain/settings';
import { formatDateTime } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/messages';
import { labelOf, type Translate } from '../i18n';
import { tableName } from '../tableNames';

/** The current name of a record the log names by id; undefined for one no longer there. */
type NameOf = (id: string) => string | undefined;

export interface AuditNames {
  recipient: NameOf;
  purpose: NameOf;
  user: NameOf;
  group: NameOf;
}

interface Named {
  id: string;
  name: string;
}

/** Lookups over the lists as read now (a blank name counts as none). */
export function auditNames(lists: {
  recipients: Iterable<Named>;
  purposes: Iterable<Named>;
  users: Iterable<Named>;
  groups: Iterable<Named>;
}): AuditNames {
  const byId = (list: Iterable<Named>): NameOf => {
    const names = new Map([...list].map((r) => [r.id, r.name.trim()] as const));
    return (id) => names.get(id) || undefined;
  };
  return {
    recipient: byId(lists.recipients),
    purpose: byId(lists.purposes),
    user: byId(lists.users),
    group: byId(lists.groups),
  };
}

/** Before the names are read: every id is unnamed. */
export const NO_NAMES: AuditNames = auditNames({ recipients: [], purposes: [], users: [], groups: [] });

/**
 * Each area's fields in the order of its record (its form's). A key mapped to null is said by the area
 * itself (the sync server's operator is one choice).
 */
type Labels = Readonly<Record<string, MessageKey | null>>;

const BOOK_SETTINGS: Readonly<Record<string, { area: MessageKey; fields: Labels }>> = {
  privacy: {
    area: 'ui.audit.area.privacy',
    fields: {
      gdprSupportDisabled: 'ui.audit.field.gdprSupport',
      consentAttributeName: 'ui.settings.consentAttribute',
      retentionYearsTransactions: 'ui.audit.field.retentionTransactions',
      retentionYearsAccountingTransactions: 'ui.audit.field.retentionAccounting',
      idleLockMinutes: 'ui.settings.idleMinutes',
      backupReminderDays: 'ui.audit.field.backupReminder',
    },
  },
  controller: {
    area: 'ui.settings.controllerTitle',
    fields: {
      name: 'ui.audit.field.name',
      street: 'field.street',
      postalCode: 'field.postalCode',
      city: 'field.city',
      country: 'field.country',
      email: 'field.email',
      phone: 'field.phone',
      dataProtectionOfficer: 'ui.controller.dataProtectionOfficer',
    },
  },
  [REGISTER_NOTES_KEY]: {
    area: 'ui.audit.area.registerNotes',
    fields: { activities: 'register.section.activities', additionalMeasures: 'ui.register.additionalMeasures' },
  },
  [SYNC_OPERATOR_KEY]: { area: 'ui.sync.operator', fields: { recipientId: null } },
};

const PURPOSE_FIELDS: Labels = {
  name: 'ui.purposes.name',
  lawfulBasis: 'ui.purposes.basis',
  requiresConsent: 'ui.purposes.requiresConsent',
  retention: 'ui.audit.field.retention',
  recipients: 'register.activity.recipients',
  legitimateInterest: 'ui.purposes.interest',
  active: 'ui.users.active',
};

const USER_FIELDS: Labels = {
  name: 'ui.audit.field.name',
  staffNumber: 'ui.auth.staffNumber',
  isAdmin: 'ui.users.admin',
  active: 'ui.users.active',
  groupIds: 'ui.users.groups',
  permissions: 'ui.users.directPermissions',
  verifier: 'ui.backup.passphrase',
  dataKey: 'ui.audit.field.dataKey',
  keyPair: 'ui.audit.field.keyPair',
  serverAccount: 'ui.audit.field.serverAccount',
  endedAccount: 'ui.audit.field.endedAccount',
  vouched: 'ui.audit.field.vouched',
};

/**
 * A member's removal from the team (team/members.ts removeMember) writes their record deactivated,
 * without any wrapped key, naming the server account it ended: said as what happened, not as the
 * record's fields. Told apart from other changes of a user by what only a removal changes together.
 */
function removalText(tr: Translate, keys: readonly string[], name: string | undefined): string | undefined {
  const keysTaken = keys.includes('dataKey') || keys.includes('keyPair');
  // A user created (its id among the keys) or deleted names those fields too.
  if (keys.includes('id') || keys.includes('deleted')) return undefined;
  if (!keys.includes('active') || !(keys.includes('endedAccount') || keysTaken)) return undefined;
  const said = [
    ...(keys.includes('endedAccount') ? [tr('ui.audit.removal.accountEnded')] : []),
    ...(keysTaken ? [tr('ui.audit.removal.keysTaken')] : []),
    ...(keys.includes('vouched') ? [tr('ui.audit.removal.vouched')] : []),
  ];
  const removed = name ? tr('ui.audit.removal', { name }) : tr('ui.audit.removalUnnamed');
  return said.length ? `${removed} (${said.join(', ')})` : removed;
}

const GROUP_FIELDS: Labels = { name: 'ui.audit.field.name', permissions: 'ui.users.permissions' };

/** The keys as labels, in the form's order; a key this version does not know (a newer one's) shows itself. */
function labelled(tr: Translate, keys: readonly string[], labels: Labels): string[] {
  const known = Object.entries(labels).flatMap(([key, label]) => (label && keys.includes(key) ? [tr(label)] : []));
  return [...known, ...keys.filter((key) => !Object.hasOwn(labels, key))];
}

/** A record's change: created (its id is among the changed keys only then), deleted, or its fields. */
function recordFields(tr: Translate, keys: readonly string[], labels: Labels): string[] {
  if (keys.includes('deleted')) return [tr('ui.audit.deleted')];
  if (keys.includes('id')) return [tr('ui.audit.created')];
  return labelled(tr, keys, labels);
}

const withFields = (area: string, fields: readonly string[]) =>
  fields.length ? `${area}: ${fields.join(', ')}` : area;

/** Recipients' entries by their current names; those removed since are counted, as they have none. */
function recipientsText(tr: Translate, ids: readonly string[], names: AuditNames): string {
  const named = ids.flatMap((id) => names.recipient(id) ?? []);
  const removed = ids.length - named.length;
  if (removed === 1) named.push(tr('ui.audit.removedEntry'));
  if (removed > 1) named.push(tr('ui.audit.removedEntries', { count: removed }));
  return withFields(tr('ui.audit.area.recipients'), named);
}

function bookSettingText(tr: Translate, key: string, fieldKeys: readonly string[], names: AuditNames): string {
  if (key === RECIPIENTS_KEY) return recipientsText(tr, fieldKeys, names);
  const setting = Object.hasOwn(BOOK_SETTINGS, key) ? BOOK_SETTINGS[key] : undefined;
  // A setting of a newer version: its key and fields as they are.
  if (!setting) return withFields(key, fieldKeys);
  return withFields(tr(setting.area), labelled(tr, fieldKeys, setting.fields));
}

/** A purpose by its name; one without a name (deleted, unknown) as "Verwendungszweck". */
function purposeArea(tr: Translate, name: string | undefined): string {
  return name ? tr('ui.audit.area.purpose', { name }) : tr('field.purposeId');
}

/** A member's key grant (`<epoch>:<userId>:<keyId>`): for whom, in which key epoch. */
function keyGrantText(tr: Translate, id: string, names: AuditNames): string {
  const [epoch, userId] = id.split(':');
  const name = userId ? names.user(userId) : undefined;
  if (!name || !/^\d+$/.test(epoch)) return tr('ui.audit.area.keyGrantPlain');
  return tr('ui.audit.area.keyGrant', { epoch: Number(epoch), name });
}

/** A restore (`<backup's date>[; erased again: <n>][; sync disconnected]`, commands/backup.ts). */
function restoreText(tr: Translate, detail: string): string {
  const [createdAt, ...notes] = detail.split('; ');
  const said = notes.map((note) => {
    const erased = /^erased again: (\d+)$/.exec(note);
    if (erased)
      return Number(erased[1]) === 1
        ? tr('ui.audit.restore.erasedAgainOne')
        : tr('ui.audit.restore.erasedAgain', { count: Number(erased[1]) });
    return note === 'sync disconnected' ? tr('ui.audit.restore.disconnected') : note;
  });
  return [tr('ui.audit.area.restore', { date: formatDateTime(tr.lang, createdAt) }), ...said].join(', ');
}

/**
 * Records found in plain and sealed at a sign-in (`<table>=<count>,…`, auth.ts sealLegacyRecords):
 * a book from before encryption at rest once — any later one was put there outside the app.
 */
function sealedText(tr: Translate, detail: string): string {
  const tables = detail
    .split(',')
    .map((part) => {
      const [table, count] = part.split('=');
      return `${tableName(tr, table)} ${count}`;
    })
    .join(', ');
  return tr('ui.audit.area.sealedPlain', { tables });
}

/**
 * Purposes, book settings, users and groups found changed outside the app at a sign-in
 * (`purposes/<id>`, `settings/<key>`, `users/<id>`, `groups/<id>`, data/commands/bookTagCheck.ts),
 * or tagged the first time (`bound`; `boundAccounts`: the users and groups of a book tagged before).
 */
function bookTagsText(tr: Translate, detail: string, names: AuditNames): string {
  if (detail === 'bound') return tr('ui.audit.area.bookTagsBound');
  const found = detail.split(',');
  const records = found
    .filter((name) => name !== 'boundAccounts')
    .map((name) => {
      const slash = name.indexOf('/');
      const [table, key] = [name.slice(0, slash), name.slice(slash + 1)];
      if (table === 'purposes') return purposeArea(tr, names.purpose(key));
      if (table === 'users') return userArea(tr, names.user(key));
      if (table === 'groups') return groupArea(tr, names.group(key));
      return bookSettingText(tr, key, [], names);
    });
  return [
    ...(records.length ? [tr('ui.audit.area.bookTagsChanged', { records: records.join(', ') })] : []),
    ...(found.includes('boundAccounts') ? [tr('ui.audit.area.bookTagsBoundAccounts')] : []),
  ].join('; ');
}

const userArea = (tr: Translate, name: string | undefined) =>
  name ? tr('ui.audit.area.user', { name }) : tr('ui.audit.area.userUnnamed');
const groupArea = (tr: Translate, name: string | undefined) =>
  name ? tr('ui.audit.area.group', { name }) : tr('ui.audit.area.groupUnnamed');

/** A settings entry by its context (`<area>:<id or key>`, see the rules that write them). */
function settingsText(tr: Translate, entry: AuditEntry, names: AuditNames): string {
  const colon = entry.context.indexOf(':');
  const kind = colon < 0 ? '' : entry.context.slice(0, colon);
  const id = entry.context.slice(colon + 1);
  const keys = entry.fieldKeys;
  switch (kind) {
    case 'settings':
      return bookSettingText(tr, id, keys, names);
    case 'purpose': {
      // The name it had when written, for a purpose deleted since (a deletion's entry has none).
      const name = names.purpose(id) ?? (entry.purposeName || undefined);
      return withFields(purposeArea(tr, name), recordFields(tr, keys, PURPOSE_FIELDS));
    }
    case 'users':
      return (
        removalText(tr, keys, names.user(id)) ??
        withFields(userArea(tr, names.user(id)), recordFields(tr, keys, USER_FIELDS))
      );
    case 'groups':
      return withFields(groupArea(tr, names.group(id)), recordFields(tr, keys, GROUP_FIELDS));
    case 'keyGrants':
      return keyGrantText(tr, id, names);
    case 'sync':
      // The server's address stays out: it is the connection's, and may carry more than a host.
      return tr('ui.audit.area.sync');
    case 'restore':
      return restoreText(tr, id);
    case 'sealed':
      return sealedText(tr, id);
    case 'bookTags':
      return bookTagsText(tr, id, names);
    case 'worklist':
      // Worklist flags found differing from their records and computed again (commands/worklistCheck.ts).
      return tr('ui.audit.area.worklistRepaired', { count: Number(id) });
    case 'pendingRefused':
      // Entries found waiting to be chained that no restore or sealing wrote (commands/restoreLog.ts).
      return tr('ui.audit.area.pendingRefused', { count: Number(id) });
    default:
      // An area of a newer version, or an entry without one: the keys as they are.
      return keys.join(', ');
  }
}

/**
 * What an entry of the action "Sonstiges" records, from its context (commands/register.ts,
 * commands/campaigns.ts): the register issued, a campaign's letters or mail-merge file issued, a
 * campaign's refusal recorded — a row saying only "Sonstiges" told a reader nothing.
 */
function otherText(tr: Translate, context: string): string {
  const [kind, ...rest] = context.split(':');
  if (kind === 'register' && rest.length === 1) return tr('ui.audit.other.register', { format: rest[0].toUpperCase() });
  if (kind === 'campaign' && rest[1] === 'refused') return tr('ui.audit.other.campaignRefused');
  if (kind === 'campaign' && rest[1] === 'letters') {
    const [format = '', count = ''] = rest.slice(2);
    return tr(count === '1' ? 'ui.audit.other.campaignLettersOne' : 'ui.audit.other.campaignLetters', {
      format: format.toUpperCase(),
      count,
    });
  }
  return '';
}

const PROOF_LABELS = {
  evidence: 'report.audit.proof.file',
  attachment: 'ui.audit.proof.attachment',
  transaction: 'report.audit.proof.transaction',
  request: 'report.audit.proof.request',
  breach: 'report.audit.proof.breach',
} as const satisfies Record<string, MessageKey>;

/**
 * The stored proof an entry entered, changed or deleted (rules/proof.ts): an evidence file (under
 * its person), a transaction's attachment, a business transaction, a request, a breach. An entry under an erased person's
 * key has lost its context with them; a deletion without fields sealed under a person's key is
 * written by nothing but an evidence file's deletion (the person's own tombstone is written after
 * their key is gone, under the book's), so such an entry is named so too.
 */
function proofKind(entry: AuditEntry): keyof typeof PROOF_LABELS | undefined {
  const kind = /^(file|transaction|request|breach):/.exec(entry.context)?.[1];
  if (kind === 'transaction' || kind === 'request' || kind === 'breach') return kind;
  if (kind === 'file') return entry.personId ? 'evidence' : 'attachment';
  if (entry.textErased && entry.action === 'delete' && entry.fieldKeys.length === 0) return 'evidence';
  return undefined;
}

/**
 * The Aktion cell's text for an entry. A device's first sign-in tags the purposes and settings it
 * holds (`bookTags:bound`, commands/bookTagCheck.ts) so that a later sign-in tells a change made
 * outside the app: a technical step of that device, logged as an event (the point from which its
 * check holds), not a change of a setting — it is named as what it is.
 */
export function actionText(tr: Translate, entry: AuditEntry): string {
  if (entry.action === 'settingsChanged' && entry.context.startsWith('bookTags:')) {
    const found = entry.context.slice('bookTags:'.length).split(',');
    if (found.every((name) => name === 'bound' || name === 'boundAccounts')) return tr('ui.audit.action.bookTagsBound');
  }
  // A member's refused version an administrator's device wrote over (data/sync/writeOver.ts).
  const notTaken = /^syncNotTaken:([^:]*):[^:]*:(.*)$/.exec(entry.context);
  if (entry.action === 'update' && notTaken) {
    const gone = notTaken[1] === 'sync.refused.inactiveAuthor' || notTaken[1] === 'sync.refused.endedAccount';
    const why = tr(gone ? 'ui.audit.notTaken.gone' : 'ui.audit.notTaken.right');
    return tr('ui.audit.action.syncNotTaken', { name: notTaken[2], why });
  }
  return labelOf(tr, `action.${entry.action}`);
}

/** The Felder cell's text for an entry. */
export function fieldsText(tr: Translate, entry: AuditEntry, names: AuditNames): string {
  const proof = proofKind(entry);
  if (proof) {
    const fields =
      proof === 'transaction'
        ? transactionFieldLabels(tr.lang, entry.fieldKeys)
        : proof === 'request' || proof === 'breach'
          ? entry.fieldKeys.map((key) => fieldKeyLabel(tr.lang, key, () => undefined))
          : entry.fieldKeys;
    return withFields(tr(PROOF_LABELS[proof]), fields);
  }
  if (entry.action === 'settingsChanged') return settingsText(tr, entry, names);
  if (entry.action === 'other') return otherText(tr, entry.context);
  // A consent's purposes by their names, as the Auskunft names them; the entry's own for its purpose.
  const purposeName = (id: string) =>
    names.purpose(id) ?? (id === entry.purposeId ? entry.purposeName || undefined : undefined);
  return entry.fieldKeys.map((key) => fieldKeyLabel(tr.lang, key, purposeName)).join(', ');
}

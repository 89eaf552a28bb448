/**
 * The technical and organisational measures (Art. 30(1)(g), Art. 32) as rows of text, from the
 * state the data layer read when the register was made — shared by the PDF and the Verzeichnis
 * screen, so both say the same. Pure and light: no jsPDF here.
 */
import { joinNonEmpty } from '../domain/address';
import type { GdprSupportState } from '../domain/settings';
import type { ChainProblem } from '../domain/auditChain';
import type { ProcessingRegister, TechnicalMeasures, UncheckedRegister } from '../domain/overview';
import { t, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatDate, formatNumber } from '../i18n/locale';
import { endedOffPeriods, offPeriodText } from './offPeriods';

/** The measures but the log's, read the same before and after its check. */
type OtherMeasures = Omit<TechnicalMeasures, 'auditLog'>;

/** A register, with GDPR support's state when the data layer read it. */
export type RegisterForMeasures = (ProcessingRegister | UncheckedRegister) & { gdprSupport?: GdprSupportState };

/** Registers made without the state fall back to `purposeRuleEnforced`, which the same switch turns off. */
function gdprSupportOf(r: RegisterForMeasures): GdprSupportState {
  return r.gdprSupport ?? { disabled: !r.measures.purposeRuleEnforced, since: null };
}

/**
 * The log's measure: with its verdict once checked (the Verzeichnis shows the rest before). With
 * GDPR support off nothing about persons is logged: the row says so (and since when) first, and
 * the verdict is about the log kept until then, never "every change"; nor is it after periods off,
 * which the row names last.
 */
function auditText(lang: Language, r: RegisterForMeasures, timeZone?: string): string {
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const log = r.measures.auditLog;
  const chain = tr(log.keyed ? 'register.measures.chainKeyed' : 'register.measures.chainHashed');
  const support = gdprSupportOf(r);
  const off = support.disabled
    ? support.since
      ? tr('register.measures.auditOffSince', { date: formatDate(lang, support.since, timeZone) })
      : tr('register.measures.auditOff')
    : '';
  const ended = endedOffPeriods(support.offPeriods);
  const gaps = ended.length
    ? tr('register.measures.auditOffPeriods', {
        periods: ended.map((p) => offPeriodText(lang, p, timeZone)).join('; '),
      })
    : '';
  const noun = (on: MessageKey) =>
    tr(
      off ? 'register.measures.logKept' : gaps && on === 'register.measures.logAll' ? 'register.measures.logPlain' : on,
    );
  let verdict: string;
  if (!('verified' in log))
    verdict = tr(log.checkFailed ? 'register.measures.auditCheckFailed' : 'register.measures.auditChecking', {
      log: noun('register.measures.logAll'),
      chain,
    });
  else {
    const entries = formatNumber(lang, log.entries);
    const date = formatDate(lang, r.generatedAt, timeZone);
    if (log.verified)
      verdict = tr('register.measures.auditOk', { log: noun('register.measures.logAll'), chain, entries, date });
    else {
      const problem = tr(`ui.audit.problem.${(log.problem ?? 'changed') as ChainProblem}`, {
        seq: log.problemSeq ?? 0,
      });
      verdict = tr('register.measures.auditBroken', {
        log: noun('register.measures.logPlain'),
        chain,
        entries,
        date,
        problem,
      });
    }
  }
  return joinNonEmpty(' ', [off, verdict, gaps]);
}

export function measureRows(lang: Language, r: RegisterForMeasures, timeZone?: string): [string, string][] {
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const m = r.measures;
  const audit = auditText(lang, r, timeZone);
  const a = m.accessControl;
  const rows: [string, string][] = [
    [tr('register.measures.audit'), audit],
    [
      tr('register.measures.access'),
      tr('register.measures.accessValue', {
        users: a.users,
        active: a.activeUsers,
        admins: a.administrators,
        groups: a.groups,
        permissions: a.permissions,
      }),
    ],
    [tr('register.measures.keyDerivation'), keyDerivationText(lang, m)],
    [
      tr('register.measures.purposeRule'),
      tr(m.purposeRuleEnforced ? 'register.measures.purposeRuleOn' : 'register.measures.purposeRuleOff'),
    ],
    [
      tr('register.measures.backup'),
      joinNonEmpty(' ', [
        tr('register.measures.backupValue'),
        m.backups.lastBackupAt
          ? tr('register.measures.lastBackup', { date: formatDate(lang, m.backups.lastBackupAt, timeZone) })
          : tr('register.measures.noBackup'),
      ]),
    ],
    [tr('register.measures.atRest'), atRestText(lang, m)],
    [tr('register.measures.integrity'), integrityText(lang, m)],
    [tr('register.measures.idleLock'), tr('register.measures.idleLockValue', { minutes: m.idleLockMinutes })],
    [tr('register.measures.storage'), storageText(lang, m)],
  ];
  if (r.additionalMeasures) rows.push([tr('register.measures.additional'), r.additionalMeasures]);
  return rows;
}

/** What binds the records kept in plain, and what the tags' comparison found when the document was made. */
function integrityText(lang: Language, m: OtherMeasures): string {
  const tags = m.bookTags;
  const found =
    tags.differing === null
      ? t(lang, 'register.measures.tagsNone')
      : tags.differing.length === 0
        ? t(lang, 'register.measures.tagsOk', { tagged: formatNumber(lang, tags.tagged) })
        : t(lang, 'register.measures.tagsDiffering', {
            tagged: formatNumber(lang, tags.tagged),
            differing: formatNumber(lang, tags.differing.length),
          });
  // Plain fields are bound by their seals only where every record is sealed.
  const bound = m.encryptionAtRest.enabled ? t(lang, 'register.measures.boundFields') : '';
  return joinNonEmpty(' ', [bound, t(lang, 'register.measures.integrityValue'), found]);
}

function atRestText(lang: Language, m: OtherMeasures): string {
  const e = m.encryptionAtRest;
  const n = (value: number) => formatNumber(lang, value);
  if (e.enabled)
    return t(lang, 'register.measures.atRestOn', {
      algorithm: e.algorithm,
      records: n(e.records),
      keys: n(e.personKeys),
      persons: n(e.persons),
    });
  if (e.sealedRecords > 0)
    return t(lang, 'register.measures.atRestPartial', { plain: n(e.records - e.sealedRecords), records: n(e.records) });
  return t(lang, 'register.measures.atRestOff');
}

function keyDerivationText(lang: Language, m: OtherMeasures): string {
  const k = m.keyDerivation;
  if (k.minIterations === null || k.maxIterations === null) return t(lang, 'register.measures.noUsers');
  const iterations =
    k.minIterations === k.maxIterations
      ? formatNumber(lang, k.minIterations)
      : t(lang, 'register.measures.iterationRange', {
          min: formatNumber(lang, k.minIterations),
          max: formatNumber(lang, k.maxIterations),
        });
  return t(lang, 'register.measures.keyDerivationValue', {
    algorithm: k.algorithm,
    iterations,
    wrapped: k.wrappedKeys,
    users: m.accessControl.activeUsers,
  });
}

function storageText(lang: Language, m: OtherMeasures): string {
  const { persisted, syncServer } = m.storage;
  const where =
    persisted === true
      ? 'register.measures.storagePersisted'
      : persisted === false
        ? 'register.measures.storageBestEffort'
        : 'register.measures.storageUnknown';
  return joinNonEmpty(' ', [
    t(lang, where),
    syncServer
      ? t(lang, 'register.measures.syncServer', { server: syncServer })
      : t(lang, 'register.measures.noServer'),
  ]);
}

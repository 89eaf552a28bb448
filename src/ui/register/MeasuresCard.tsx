/** The technical and organisational measures (Art. 30(1)(g), Art. 32) as the app has them, plus the user's further measures. */
import type { ProcessingRegister } from '../../data/queries/register';
import { formatDate } from '../../i18n/locale';
import type { Translate } from '../i18n';

export function measureRows(tr: Translate, r: ProcessingRegister): [string, string][] {
  const m = r.measures;
  const a = m.accessControl;
  return [
    [
      tr('register.measures.audit'),
      m.auditLog.verified
        ? tr('register.measures.auditOk', { entries: m.auditLog.entries, date: formatDate(tr.lang, r.generatedAt) })
        : tr('register.measures.auditBroken', {
            entries: m.auditLog.entries,
            problem: m.auditLog.problem ?? '',
            seq: m.auditLog.problemSeq ?? 0,
          }),
    ],
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
    [
      tr('register.measures.purposeRule'),
      tr(m.purposeRuleEnforced ? 'register.measures.purposeRuleOn' : 'register.measures.purposeRuleOff'),
    ],
    [
      tr('register.measures.backup'),
      `${tr('register.measures.backupValue')} ${m.backups.lastBackupAt ? tr('register.measures.lastBackup', { date: formatDate(tr.lang, m.backups.lastBackupAt) }) : tr('register.measures.noBackup')}`,
    ],
    [tr('register.measures.atRest'), tr('register.measures.atRestOff')],
    [tr('register.measures.idleLock'), tr('register.measures.idleLockValue', { minutes: m.idleLockMinutes })],
    [tr('register.measures.storage'), tr('register.measures.storageValue')],
  ];
}

interface MeasuresCardProps {
  tr: Translate;
  register: ProcessingRegister;
  additional: string;
  editable: boolean;
  onChange: (text: string) => void;
}

export function MeasuresCard({ tr, register, additional, editable, onChange }: MeasuresCardProps) {
  return (
    <section className="card" aria-labelledby="measures-title">
      <h2 id="measures-title">3. {tr('register.section.measures')}</h2>
      <p className="hint">{tr('register.measures.intro')}</p>
      <dl className="facts register-facts measures">
        {measureRows(tr, register).map(([measure, state]) => (
          <div key={measure} className="fact-row">
            <dt>{measure}</dt>
            <dd>{state}</dd>
          </div>
        ))}
        {!editable && (
          <div className="fact-row">
            <dt>{tr('register.measures.additional')}</dt>
            <dd>{additional.trim() || tr('ui.register.empty')}</dd>
          </div>
        )}
      </dl>
      {editable && (
        <div className="field register-additional">
          <label htmlFor="register-additional">{tr('ui.register.additionalMeasures')}</label>
          <textarea
            autoComplete="off"
            id="register-additional"
            value={additional}
            maxLength={2000}
            aria-describedby="register-additional-hint"
            onChange={(e) => onChange(e.target.value)}
          />
          <p className="hint" id="register-additional-hint">
            {tr('ui.register.additionalHint')}
          </p>
        </div>
      )}
    </section>
  );
}

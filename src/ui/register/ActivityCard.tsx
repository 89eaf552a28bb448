/** One processing activity (one purpose) of the register, with the user's description and transfers. */
import type { RegisterActivity } from '../../domain/overview';
import type { UncheckedRegister } from '../../data/queries/register';
import type { Translate } from '../i18n';
import {
  activityRecipientsText,
  activityTransfersText,
  bookRecipientsOf,
  bookTransferLines,
} from '../../documents/bookRecipients';
import { purposeInterestText } from '../../documents/purposeInterest';

interface ActivityCardProps {
  tr: Translate;
  register: UncheckedRegister;
  activity: RegisterActivity;
  number: string;
  notes: { description?: string; transfers?: string };
  editable: boolean;
  onChange: (notes: { description: string; transfers: string }) => void;
}

export function retentionText(tr: Translate, register: UncheckedRegister, a: RegisterActivity): string {
  return a.retention.years > 0
    ? tr('register.retention.years', { years: a.retention.years, basis: a.retention.basis || '—' })
    : tr('register.retention.none', {
        years: register.transactionRetention.years,
        accountingYears: register.transactionRetention.accountingYears,
      });
}

export function ActivityCard({ tr, register, activity: a, number, notes, editable, onChange }: ActivityCardProps) {
  const id = `activity-${a.purposeId}`;
  const description = notes.description ?? '';
  const transfers = notes.transfers ?? '';
  // The entries of section 3 outside the EU/EEA, with their basis: the register adds them to the note.
  const bookTransfers = bookTransferLines(tr.lang, bookRecipientsOf(register, a.purposeId)).join('; ');
  const subjects = a.subjectCategories.map((k) => `${tr(`kind.${k}`)} (${a.subjectCounts[k] ?? 0})`).join(', ');
  return (
    <section className="card activity" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {number} {a.name}
        {!a.active && <span className="muted"> ({tr('register.inactive')})</span>}
      </h3>
      <dl className="facts register-facts">
        <dt>{tr('register.activity.basis')}</dt>
        <dd>
          {tr(`basis.${a.lawfulBasis}`)}
          {a.requiresConsent && <span className="muted"> · {tr('register.activity.requiresConsent')}</span>}
        </dd>
        {a.lawfulBasis === 'f' && (
          <>
            <dt>{tr('register.activity.interest')}</dt>
            <dd className={a.legitimateInterest ? undefined : 'warning'}>
              {purposeInterestText(tr.lang, a, 'register')}
            </dd>
          </>
        )}
        <dt>{tr('register.activity.subjects')}</dt>
        <dd>{subjects || tr('register.activity.noSubjects')}</dd>
        <dt>{tr('register.activity.data')}</dt>
        <dd>{a.dataCategories.map((key) => tr(`field.${key}`)).join(', ') || tr('register.activity.noData')}</dd>
        <dt>{tr('register.activity.recipients')}</dt>
        <dd>{activityRecipientsText(tr.lang, a.recipients, bookRecipientsOf(register, a.purposeId))}</dd>
        <dt>{tr('register.activity.retention')}</dt>
        <dd>{retentionText(tr, register, a)}</dd>
        {!editable && (
          <>
            <dt>{tr('ui.register.description')}</dt>
            <dd>{description.trim() || tr('ui.register.empty')}</dd>
            <dt>{tr('register.activity.transfers')}</dt>
            <dd>{activityTransfersText(tr.lang, transfers, bookRecipientsOf(register, a.purposeId))}</dd>
          </>
        )}
      </dl>
      {editable && (
        <div className="grid-fields register-notes">
          <div className="field">
            <label htmlFor={`${id}-description`}>
              {tr('ui.register.description')}
              <span className="visually-hidden"> – {a.name}</span>
            </label>
            <textarea
              autoComplete="off"
              id={`${id}-description`}
              value={description}
              maxLength={2000}
              onChange={(e) => onChange({ description: e.target.value, transfers })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-transfers`}>
              {tr('ui.register.transfers')}
              <span className="visually-hidden"> – {a.name}</span>
            </label>
            <textarea
              autoComplete="off"
              id={`${id}-transfers`}
              value={transfers}
              maxLength={2000}
              aria-describedby={`${id}-transfers-hint`}
              onChange={(e) => onChange({ description, transfers: e.target.value })}
            />
            <p className="hint" id={`${id}-transfers-hint`}>
              {bookTransfers
                ? tr('ui.register.transfersBook', { transfers: bookTransfers })
                : tr('ui.register.transfersHint', { none: tr('register.activity.noTransfers') })}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * Datenpannen (Art. 33): every breach documented (Art. 33(5)) with the 72-hour clock to notify
 * the supervisory authority; overdue clocks in red and in words. Notification of the authority
 * and of the people affected (Art. 34) is recorded here.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { breachClock, type DataBreach } from '../../domain/requests';
import { BREACH_NOTIFICATION_HOURS } from '../../domain/deadlines';
import { listBreaches } from '../../data/queries/requests';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT } from '../i18n';
import { hoursText } from './hoursText';
import { useRights } from '../stores';
import { useNow } from '../useNow';
import { NewBreachDialog, NotifyDialog, type NotifyTarget } from './BreachDialogs';
import { isRestored, restoredDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

function sortBreaches(a: DataBreach, b: DataBreach): number {
  const ar = a.notifiedAuthorityAt === null;
  const br = b.notifiedAuthorityAt === null;
  if (ar !== br) return ar ? -1 : 1;
  return ar ? a.knownAt.localeCompare(b.knownAt) : b.knownAt.localeCompare(a.knownAt);
}

export function BreachRegister() {
  const tr = useT();
  const rights = useRights();
  const now = useNow(30_000);
  const canEdit = rights.permissions.has('editPersons');
  const breaches = useLiveQuery(() => listBreaches(db), []);
  // A dialog the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [creating, setCreating] = useState(() => isRestored(DRAFT.breach, ''));
  const [notifying, setNotify] = useState<{ id: string; target: NotifyTarget } | null>(() => {
    const kept = restoredDraft(DRAFT.notifyBreach);
    return kept ? { id: kept.key, target: (kept.values as { target: NotifyTarget }).target } : null;
  });
  const notifyBreach = breaches?.find((b) => b.id === notifying?.id);
  const notify = notifying && notifyBreach ? { ...notifying, breach: notifyBreach } : null;
  const [notice, setNotice] = useState('');

  const sorted = [...(breaches ?? [])].sort(sortBreaches);
  const running = sorted.filter((b) => b.notifiedAuthorityAt === null).length;
  const overdue = sorted.filter((b) => breachClock(b, now).overdue).length;

  return (
    <section aria-labelledby="screen-title" className="register">
      <div className="section-head">
        <h1 id="screen-title">{tr('ui.nav.datenpannen')}</h1>
        <button
          type="button"
          className="primary"
          disabled={!canEdit}
          aria-describedby={canEdit ? undefined : 'breaches-denied'}
          onClick={() => setCreating(true)}
        >
          {tr('ui.breaches.new')}
        </button>
      </div>
      <p className="help">{tr('ui.breaches.help')}</p>
      {!canEdit && (
        <p id="breaches-denied" className="hint">
          {tr('ui.requests.noPermission', { permission: tr('ui.permission.editPersons') })}
        </p>
      )}
      {breaches && breaches.length > 0 && (
        <p className="register-summary">
          {running === 1 ? tr('ui.breaches.summaryOne') : tr('ui.breaches.summary', { running })}
          {overdue > 0 && (
            <>
              {' · '}
              <strong className="overdue">{tr('ui.breaches.summaryOverdue', { count: overdue })}</strong>
            </>
          )}
        </p>
      )}
      <p role="status" className="notice-line">
        {notice}
      </p>
      {breaches === undefined ? (
        <p>{tr('ui.loading')}</p>
      ) : sorted.length === 0 ? (
        <p className="empty">{tr('ui.breaches.empty')}</p>
      ) : (
        <ul className="breach-list">
          {sorted.map((b) => (
            <li key={b.id}>
              <BreachCard
                breach={b}
                now={now}
                canEdit={canEdit}
                onNotify={(target) => setNotify({ id: b.id, target })}
              />
            </li>
          ))}
        </ul>
      )}
      {creating && (
        <NewBreachDialog
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setNotice(tr('ui.breaches.created'));
          }}
        />
      )}
      {notify && (
        <NotifyDialog
          breach={notify.breach}
          target={notify.target}
          onCancel={() => setNotify(null)}
          onDone={() => {
            setNotify(null);
            setNotice(
              tr(notify.target === 'authority' ? 'ui.breaches.authorityRecorded' : 'ui.breaches.subjectsRecorded'),
            );
          }}
        />
      )}
    </section>
  );
}

function BreachCard({
  breach: b,
  now,
  canEdit,
  onNotify,
}: {
  breach: DataBreach;
  now: Date;
  canEdit: boolean;
  onNotify: (t: NotifyTarget) => void;
}) {
  const tr = useT();
  const lang = useLang();
  const clock = breachClock(b, now);
  const deadline = new Date(Date.parse(b.knownAt) + BREACH_NOTIFICATION_HOURS * 3_600_000).toISOString();
  const titleId = `breach-${b.id}`;
  return (
    <article className={`card breach${clock.overdue ? ' is-overdue' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('ui.breaches.cardTitle', { date: formatDateTime(lang, b.knownAt) })}</h3>
      <p className="breach-clock">
        {/* Notified: the clock stopped (breachClock). */}
        {b.notifiedAuthorityAt !== null ? (
          <span className="ok">
            {tr('ui.breaches.authorityNotified', { date: formatDateTime(lang, b.notifiedAuthorityAt) })}
            {Date.parse(b.notifiedAuthorityAt) > Date.parse(deadline) && (
              <span className="muted"> {tr('ui.breaches.late')}</span>
            )}
          </span>
        ) : clock.overdue ? (
          <strong className="overdue">
            <span aria-hidden="true" className="overdue-mark">
              !
            </span>
            {tr('ui.breaches.overdue', {
              time: hoursText(tr, clock.hoursLeft),
              deadline: formatDateTime(lang, deadline),
            })}
          </strong>
        ) : (
          <strong className={clock.hoursLeft < 24 ? 'due-soon' : undefined}>
            {tr('ui.breaches.left', { time: hoursText(tr, clock.hoursLeft), deadline: formatDateTime(lang, deadline) })}
          </strong>
        )}
      </p>
      <dl className="facts">
        <dt>{tr('ui.breaches.description')}</dt>
        <dd className="pre-line">{b.description}</dd>
        <dt>{tr('ui.breaches.categories')}</dt>
        <dd>{b.dataCategories || '—'}</dd>
        <dt>{tr('ui.breaches.count')}</dt>
        <dd>{b.affectedCount ?? tr('ui.breaches.countUnknown')}</dd>
        <dt>{tr('ui.breaches.measures')}</dt>
        <dd className="pre-line">{b.measures || '—'}</dd>
        <dt>{tr('ui.breaches.subjects')}</dt>
        <dd>
          {b.notifiedSubjectsAt
            ? tr('ui.breaches.subjectsNotified', { date: formatDateTime(lang, b.notifiedSubjectsAt) })
            : tr('ui.breaches.subjectsNot')}
        </dd>
      </dl>
      <div className="actions">
        {b.notifiedAuthorityAt === null && (
          <button type="button" disabled={!canEdit} onClick={() => onNotify('authority')}>
            {tr('ui.breaches.recordAuthority')}
          </button>
        )}
        {b.notifiedSubjectsAt === null && (
          <button type="button" disabled={!canEdit} onClick={() => onNotify('subjects')}>
            {tr('ui.breaches.recordSubjects')}
          </button>
        )}
      </div>
    </article>
  );
}

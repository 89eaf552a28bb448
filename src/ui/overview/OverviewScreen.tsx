/**
 * Übersicht: the state of compliance at a glance, read live from the database —
 * persons by state, consents per month, requests due, breach clocks, last backup, storage and
 * the audit log's integrity. Every figure is a link to the list behind it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { collectDeadlines, collectPersonOverview } from '../../data/queries/overview';
import { readPrivacySettings } from '../../data/queries/settings';
import type {
  BackupFigure,
  BreachFigure,
  DeadlineOverview,
  PersonFigures,
  PersonOverview,
  RequestFigure,
} from '../../domain/overview';
import type { ReactNode } from 'react';
import type { WorklistKind } from '../../domain/worklist';
import { formatDate, formatDateTime } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/messages';
import { db } from '../db';
import { useT, type Translate, errorMessage } from '../i18n';
import { href } from '../route';
import { ErrorAlert } from '../components/ErrorAlert';
import { ConsentChart } from './ConsentChart';
import { Figure } from './Figure';
import { StorageCard } from './StorageCard';
import { BookFindings } from './BookFindings';
import { HeldBackCard } from './HeldBackCard';
import { WorklistCheckNotice } from '../worklist/WorklistCheckNotice';
import { ANY_PURPOSE } from '../../domain/personFilter';
import { personListHref } from '../person/filterQuery';
import { useNow } from '../useNow';
import { hoursText } from '../requests/hoursText';
import { useAuditCheck, type AuditCheck } from '../audit/useAuditCheck';
import { auditCheckCount, deviceName, otherChainsText } from '../audit/checkCounts';
import './overview.css';

/** Requests and breaches shown by name on the overview; the rest are behind the link. */
const SHOWN = 5;

type Loaded<T> = { ok: true; figures: T } | { ok: false; error: unknown };

/** A part of the overview, read live once `start`; its error kept to be shown where the part stands. */
function useOverviewPart<T>(collect: () => Promise<T>, deps: unknown[], start = true): Loaded<T> | undefined {
  return useLiveQuery(
    (): Promise<Loaded<T>> | undefined =>
      start
        ? collect().then(
            (figures): Loaded<T> => ({ ok: true, figures }),
            (error: unknown): Loaded<T> => ({ ok: false, error }),
          )
        : undefined,
    [...deps, start],
  );
}

export default function OverviewScreen() {
  const tr = useT();
  const now = useNow();
  // Two parts, each shown as it arrives: the clocks (a few records) at once, the persons' figures
  // (every person counted: ~1.5 s at 100,000) after them — started once the clocks are read, as
  // IndexedDB answers an origin's requests in turn (the persons' 100,000 keys first held the
  // clocks' few back). The audit log's check apart (useAuditCheck): tens of seconds at a million entries.
  const deadlines = useOverviewPart(() => collectDeadlines(db, now), [now.getTime()]);
  const persons = useOverviewPart(() => collectPersonOverview(db, now), [now.getTime()], deadlines !== undefined);
  const audit = useAuditCheck(persons !== undefined);
  const gdprOff = useLiveQuery(() => readPrivacySettings(db).then((p) => p.gdprSupportDisabled), [], false);

  return (
    <section className="screen overview" aria-labelledby="screen-title">
      <h1 id="screen-title">{tr('ui.nav.uebersicht')}</h1>
      <p className="intro">{tr('ui.overview.help')}</p>
      {gdprOff && (
        <p className="warning gdpr-off">
          {tr('ui.overview.gdprOff')} <a href={href('einstellungen')}>{tr('ui.overview.gdprOffLink')}</a>
        </p>
      )}
      {!gdprOff && <WorklistCheckNotice start={!!persons} />}
      {!deadlines ? (
        <p role="status">{tr('ui.loading')}</p>
      ) : !deadlines.ok ? (
        <ErrorAlert message={errorMessage(tr, deadlines.error)} />
      ) : (
        <Figures tr={tr} deadlines={deadlines.figures} persons={persons} audit={audit} worklist={!gdprOff} />
      )}
    </section>
  );
}

/** The Prüfliste's lists in its order, each with its count and the figure's label. */
const PRUEFLISTE_FIGURES: readonly {
  list: WorklistKind;
  count: keyof PersonFigures;
  label: MessageKey;
}[] = [
  { list: 'noReason', count: 'worklist', label: 'ui.overview.persons.worklist' },
  { list: 'consentMissing', count: 'consentMissing', label: 'ui.overview.persons.consentMissing' },
  { list: 'retentionDue', count: 'retentionDue', label: 'ui.overview.persons.retentionDue' },
  { list: 'notInformed', count: 'notInformed', label: 'ui.overview.persons.notInformed' },
];

/** `worklist`: the Prüfliste's figures, which lead to it — hidden with it while the GDPR support is off. */
function Figures({
  tr,
  deadlines,
  persons,
  audit,
  worklist,
}: {
  tr: Translate;
  deadlines: DeadlineOverview;
  persons: Loaded<PersonOverview> | undefined;
  audit: AuditCheck;
  worklist: boolean;
}) {
  const consentLog = `${href('protokoll')}?action=consentGiven`;
  return (
    <div className="overview-grid">
      {/* Changes from other devices not taken over: rare, and first while there are any. */}
      <HeldBackCard />
      <section className="card span-2" aria-labelledby="ov-persons">
        <h2 id="ov-persons">{tr('ui.overview.persons')}</h2>
        <PartShown tr={tr} part={persons}>
          {(figures) => <PersonCounts tr={tr} persons={figures.persons} worklist={worklist} />}
        </PartShown>
      </section>

      <BookFindings className="card span-2" />

      <section className="card span-2" aria-labelledby="ov-consents">
        <h2 id="ov-consents">{tr('ui.overview.consents')}</h2>
        <PartShown tr={tr} part={persons}>
          {(figures) => <ConsentChart tr={tr} months={figures.consentsPerMonth} />}
        </PartShown>
        <p className="links">
          <a href={consentLog}>{tr('ui.overview.consents.log')}</a>
          <a href={`${href('protokoll')}?action=consentWithdrawn`}>{tr('ui.overview.consents.logWithdrawn')}</a>
        </p>
      </section>

      <RequestsCard tr={tr} requests={deadlines.openRequests} overdue={deadlines.overdueRequests} />
      <BreachesCard tr={tr} breaches={deadlines.breachClocks} />
      <BackupCard tr={tr} backup={deadlines.backup} />
      <StorageCard tr={tr} />
      <AuditCard tr={tr} check={audit} />
    </div>
  );
}

/** A part's content once it is read; until then "Wird geladen …", and its error in its place. */
function PartShown<T>({
  tr,
  part,
  children,
}: {
  tr: Translate;
  part: Loaded<T> | undefined;
  children: (figures: T) => ReactNode;
}) {
  if (!part) return <p className="muted">{tr('ui.loading')}</p>;
  if (!part.ok) return <ErrorAlert message={errorMessage(tr, part.error)} />;
  return <>{children(part.figures)}</>;
}

function PersonCounts({ tr, persons: p, worklist }: { tr: Translate; persons: PersonFigures; worklist: boolean }) {
  return (
    <ul className="figures">
      <Figure value={p.natural} label={tr('ui.overview.persons.natural')} to={personListHref({ kind: 'natural' })} />
      <Figure
        value={p.withPurpose}
        label={tr('ui.overview.persons.withPurpose')}
        to={personListHref({ kind: 'natural', purpose: ANY_PURPOSE })}
      />
      <Figure
        value={p.withValidConsent}
        label={tr('ui.overview.persons.withValidConsent')}
        to={personListHref({ kind: 'natural', status: 'consentValid' })}
      />
      <Figure
        value={p.locked}
        label={tr('ui.overview.persons.locked')}
        to={personListHref({ kind: 'natural', status: 'locked' })}
      />
      {/* The Prüfliste's figures lead to it: hidden with it while the GDPR support is off. */}
      {worklist &&
        PRUEFLISTE_FIGURES.map(({ list, count, label }) => (
          <Figure
            key={list}
            value={p[count]}
            label={tr(label)}
            to={list === 'noReason' ? href('pruefliste') : `${href('pruefliste')}?liste=${list}`}
            tone={p[count] > 0 ? 'warn' : undefined}
          />
        ))}
    </ul>
  );
}

function RequestsCard({ tr, requests, overdue }: { tr: Translate; requests: RequestFigure[]; overdue: number }) {
  return (
    <section className="card" aria-labelledby="ov-requests">
      <h2 id="ov-requests">{tr('ui.overview.requests')}</h2>
      <ul className="figures">
        <Figure value={requests.length} label={tr('ui.overview.requests.open')} to={href('anfragen')} />
        <Figure
          value={overdue}
          label={tr('ui.overview.overdue')}
          to={`${href('anfragen')}?filter=overdue`}
          tone={overdue > 0 ? 'danger' : undefined}
        />
      </ul>
      {requests.length === 0 ? (
        <p className="muted">{tr('ui.overview.requests.none')}</p>
      ) : (
        <ul className="deadlines">
          {requests.slice(0, SHOWN).map((r) => (
            <li key={r.id} className={r.overdue ? 'overdue' : undefined}>
              <a href={r.overdue ? `${href('anfragen')}?filter=overdue` : href('anfragen')}>
                {tr(`ui.requests.kind.${r.kind}`)}: {requestDeadline(tr, r)}
              </a>
            </li>
          ))}
          {requests.length > SHOWN && (
            <li className="muted">{tr('ui.overview.requests.more', { count: requests.length - SHOWN })}</li>
          )}
        </ul>
      )}
    </section>
  );
}

function requestDeadline(tr: Translate, r: RequestFigure): string {
  const date = formatDate(tr.lang, r.dueDate);
  if (r.overdue)
    return tr(r.daysLeft === -1 ? 'ui.overview.requests.overdueOne' : 'ui.overview.requests.overdue', {
      days: -r.daysLeft,
      date,
    });
  if (r.daysLeft === 0) return tr('ui.overview.requests.dueToday', { date });
  return tr(r.daysLeft === 1 ? 'ui.overview.requests.dayLeft' : 'ui.overview.requests.daysLeft', {
    days: r.daysLeft,
    date,
  });
}

function BreachesCard({ tr, breaches }: { tr: Translate; breaches: BreachFigure[] }) {
  const anyOverdue = breaches.some((b) => b.overdue);
  return (
    <section className="card" aria-labelledby="ov-breaches">
      <h2 id="ov-breaches">{tr('ui.overview.breaches')}</h2>
      <ul className="figures">
        <Figure
          value={breaches.length}
          label={tr(breaches.length === 1 ? 'ui.overview.breaches.countOne' : 'ui.overview.breaches.count')}
          to={href('datenpannen')}
          tone={anyOverdue ? 'danger' : breaches.length > 0 ? 'warn' : undefined}
        />
      </ul>
      {breaches.length === 0 ? (
        <p className="muted">{tr('ui.overview.breaches.none')}</p>
      ) : (
        <ul className="deadlines">
          {breaches.slice(0, SHOWN).map((b) => {
            const knownAt = formatDateTime(tr.lang, b.knownAt);
            return (
              <li key={b.id} className={b.overdue ? 'overdue' : undefined}>
                <a href={href('datenpannen')}>
                  {b.overdue
                    ? tr('ui.overview.breaches.overdue', { knownAt, time: hoursText(tr, b.hoursLeft) })
                    : tr('ui.overview.breaches.hoursLeft', { knownAt, time: hoursText(tr, b.hoursLeft) })}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function backupText(tr: Translate, b: BackupFigure): string {
  if (b.daysSince === null) return tr('ui.backup.reminderNone');
  if (b.daysSince === 0) return tr('ui.overview.backup.today');
  if (b.daysSince === 1) return tr('ui.backup.reminderDay');
  return tr('ui.backup.reminderDays', { days: b.daysSince });
}

function BackupCard({ tr, backup }: { tr: Translate; backup: BackupFigure }) {
  return (
    <section className="card" aria-labelledby="ov-backup">
      <h2 id="ov-backup">{tr('ui.overview.backup')}</h2>
      <p className={`status-line${backup.due ? ' status-warn' : ''}`}>
        <a href={href('einstellungen')}>{backupText(tr, backup)}</a>
      </p>
      {backup.due ? (
        <p className="warning">
          {backup.daysSince === null
            ? tr('ui.overview.backup.never')
            : tr('ui.overview.backup.due', { days: backup.reminderDays })}
        </p>
      ) : (
        <p className="hint">{tr('ui.overview.backup.ok', { days: backup.reminderDays })}</p>
      )}
    </section>
  );
}

function AuditCard({ tr, check }: { tr: Translate; check: AuditCheck }) {
  const count = auditCheckCount(tr, check);
  return (
    <section className="card" aria-labelledby="ov-audit">
      <h2 id="ov-audit">{tr('ui.overview.audit')}</h2>
      {check.status === 'checking' ? (
        // Announced once; the count beside it changes every run and is not a live region.
        <div className="muted">
          <p role="status">{tr('ui.audit.verifying')}</p>
          {count && <p>{count}</p>}
        </div>
      ) : check.status === 'failed' ? (
        <ErrorAlert message={errorMessage(tr, check.error)} />
      ) : check.figure.ok ? (
        <p className="status-line status-ok">
          <strong>{tr('ui.overview.audit.ok')}</strong>
          <a href={href('protokoll')}>{tr('ui.overview.audit.entries', { count: check.figure.entries })}</a>
          {check.figure.others && (
            <span className="hint audit-chains">
              {tr('ui.overview.audit.chains', {
                own: check.figure.own ?? 0,
                others: otherChainsText(tr, check.figure.others),
              })}
            </span>
          )}
        </p>
      ) : (
        <p className="status-line status-danger" role="alert">
          <a href={href('protokoll')}>
            {tr(`ui.audit.problem.${check.figure.problem ?? 'changed'}`, { seq: check.figure.seq ?? 0 })}
            {check.figure.device && (
              <> {tr('ui.audit.chainOf', { device: deviceName(tr, check.figure.device, check.figure.deviceUsers) })}</>
            )}
          </a>
        </p>
      )}
    </section>
  );
}

/**
 * The log's gaps: the periods GDPR support was off (nothing about persons logged), those reaching
 * into the period shown — so an empty stretch of the log is never read as "nothing happened".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { offPeriodsWithin } from '../../domain/loggingOff';
import { readLoggingOffPeriods } from '../../data/queries/gdprSupport';
import { offPeriodText } from '../../documents/offPeriods';
import { db } from '../db';
import { useT } from '../i18n';

/** `from`/`to`: the filter's ISO bounds, when set. */
export function AuditGaps({ from, to }: { from?: string; to?: string }) {
  const tr = useT();
  const periods = useLiveQuery(() => readLoggingOffPeriods(db), []);
  const shown = periods ? offPeriodsWithin(periods, from ?? '', to) : [];
  if (shown.length === 0) return null;
  return (
    <div className="warning" role="note" aria-labelledby="audit-gaps">
      <p id="audit-gaps">{tr('ui.audit.offPeriods')}</p>
      <ul>
        {shown.map((p) => (
          <li key={`${p.from}-${p.to}`}>{offPeriodText(tr.lang, p)}</li>
        ))}
      </ul>
    </div>
  );
}

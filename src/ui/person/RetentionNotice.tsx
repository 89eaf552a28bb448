/**
 * A deletion refused for a retention duty: the date it becomes possible and each duty still
 * running — the transaction or purpose, its years, its end — read live, so a transaction corrected
 * meanwhile shows at once; "Stattdessen sperren" where the session may lock. It stands above the
 * form, so it is brought into view when it appears: "Löschen" is pressed at the form's end.
 */
import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Purpose } from '../../domain/purpose';
import { localDate } from '../../domain/calendar';
import { isDeletable } from '../../domain/retention';
import { personRetention } from '../../data/queries/persons';
import { transactionsOf } from '../../data/queries/transactions';
import { retentionReasons } from '../../documents/retentionReasons';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';

interface Props {
  personId: string;
  purposes: readonly Purpose[];
  onLock?: () => void;
}

export function RetentionNotice({ personId, purposes, onLock }: Props) {
  const tr = useT();
  const shown = useRef<HTMLDivElement>(null);
  const found = useLiveQuery(async () => {
    const [status, transactions] = await Promise.all([personRetention(db, personId), transactionsOf(db, personId)]);
    return { status, transactions };
  }, [personId]);
  const loaded = found !== undefined;
  useEffect(() => {
    if (loaded) shown.current?.scrollIntoView({ block: 'center' });
  }, [loaded]);
  if (!found) return null;
  const today = localDate();
  const { status, transactions } = found;
  const until = status.deletableFrom;
  if (until === null || isDeletable(status, today))
    return (
      <div className="notice" role="status" ref={shown}>
        <p>{tr('ui.person.retentionOver')}</p>
      </div>
    );
  return (
    <div className="notice refusal" ref={shown}>
      {/* A refusal, announced as the errors are (role alert); the reasons and the way out follow. */}
      <p role="alert">{tr('ui.person.retention', { date: formatDate(tr.lang, until) })}</p>
      <ul className="retention-reasons">
        {retentionReasons(tr.lang, status, transactions, purposes, today).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {onLock && (
        <button type="button" onClick={onLock}>
          {tr('ui.person.lockInstead')}
        </button>
      )}
    </div>
  );
}

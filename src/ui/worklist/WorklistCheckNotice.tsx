/**
 * The session's check of the worklist flags against the records (data/commands/worklistCheck.ts),
 * started by the first screen showing the flags once its own figures are read; says so when flags
 * had to be computed again (the Protokoll has the entry) or the check failed. Nothing when all agree.
 */
import { useEffect, useState } from 'react';
import type { WorklistCheck } from '../../data/commands/worklistCheck';
import { formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { errorMessage, useT } from '../i18n';
import { useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';

type Outcome = { done: WorklistCheck } | { failed: unknown };

export function WorklistCheckNotice({ start = true }: { start?: boolean }) {
  const tr = useT();
  const session = useSession();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    if (!start) return;
    let shown = true;
    import('../../data/commands/worklistCheck')
      .then((m) => m.worklistCheckOf(db, session))
      .then(
        (done) => shown && setOutcome({ done }),
        (failed: unknown) => shown && setOutcome({ failed }),
      );
    return () => {
      shown = false;
    };
  }, [session, start]);
  if (!outcome) return null;
  if ('failed' in outcome) {
    const error = errorMessage(tr, outcome.failed);
    return <ErrorAlert message={{ ...error, text: tr('ui.worklist.checkFailed', { error: error.text }) }} />;
  }
  if (outcome.done.repaired === 0) return null;
  return (
    <p role="status" className="warning">
      {tr('ui.worklist.repaired', { count: formatNumber(tr.lang, outcome.done.repaired) })}
    </p>
  );
}

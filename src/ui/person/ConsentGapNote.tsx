/**
 * On the person: the purpose needs consent and none is valid (never given, or withdrawn) — the
 * finding of the Prüfliste's list "Einwilligung fehlt", with the way there (consent campaign).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Purpose } from '../../domain/purpose';
import { readConsentGap } from '../../data/queries/persons';
import { db } from '../db';
import { useT } from '../i18n';
import { href } from '../route';

export function ConsentGapNote({
  personId,
  purposeId,
  purposes,
}: {
  personId: string;
  purposeId: string;
  purposes: readonly Purpose[];
}) {
  const tr = useT();
  const gap = useLiveQuery(() => readConsentGap(db, personId), [personId, purposeId], null);
  if (!gap) return null;
  const purpose = purposes.find((p) => p.id === purposeId)?.name ?? '';
  return (
    <p className="hint warn consent-gap" role="note">
      {tr(gap === 'withdrawn' ? 'ui.worklist.why.consentWithdrawn' : 'ui.worklist.why.consentNone', { purpose })}{' '}
      <a href={`${href('pruefliste')}?liste=consentMissing`}>{tr('ui.person.consentGapLink')}</a>
    </p>
  );
}

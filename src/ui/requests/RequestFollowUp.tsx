/** Shows the offer to close requests (followUpStore.ts); the dialog loads only when there is one. */
import { Suspense } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { useFollowUp } from './followUpStore';

const FollowUpDialog = lazyWithMessages(() => import('./FollowUpDialog').then((m) => ({ default: m.FollowUpDialog })));

export function RequestFollowUp() {
  const offer = useFollowUp((s) => s.offer);
  if (!offer) return null;
  return (
    <Suspense fallback={null}>
      <FollowUpDialog offer={offer} />
    </Suspense>
  );
}

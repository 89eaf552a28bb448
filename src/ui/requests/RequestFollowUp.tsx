/** Shows the offer to close requests (followUpStore.ts); the dialog loads only when there is one. */
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { useFollowUp } from './followUpStore';

const FollowUpDialog = lazyWithMessages(() => import('./FollowUpDialog').then((m) => ({ default: m.FollowUpDialog })));

export function RequestFollowUp() {
  const offer = useFollowUp((s) => s.offer);
  if (!offer) return null;
  return (
    <LazyPart>
      <FollowUpDialog offer={offer} />
    </LazyPart>
  );
}

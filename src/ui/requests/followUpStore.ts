/**
 * Requests follow what was done: after an erasure, a lock, a rectification, an Auskunft or an
 * export — or an erasure a retention duty blocks — the person's open requests it settles are
 * offered for closing. The offer outlives the screen that made it (an erased person's form is
 * gone), so it is held here and shown by the shell (RequestFollowUp.tsx).
 */
import { create } from 'zustand';
import type { DataSubjectRequest, FulfilmentAction } from '../../domain/requests';
import { requestsToFollowUp } from '../../data/queries/requests';
import { db } from '../db';

export interface FollowUpOffer {
  action: FulfilmentAction | 'refused';
  /** ISO timestamp of what was done: the requests close with it. */
  at: string;
  requests: DataSubjectRequest[];
  /** Refusal only: the first draft of the reason told to the person (Art. 12(4)). */
  reason: string;
}

interface FollowUpState {
  offer: FollowUpOffer | null;
  setOffer: (offer: FollowUpOffer | null) => void;
}

export const useFollowUp = create<FollowUpState>()((set) => ({
  offer: null,
  setOffer: (offer) => set({ offer }),
}));

/** Offers to close the open requests `action` settles of the person (or persons); nothing when there are none. */
export async function offerRequestFollowUp(
  personId: string | readonly string[],
  action: FulfilmentAction | 'refused',
  reason = '',
): Promise<void> {
  const at = new Date().toISOString();
  const requests = await requestsToFollowUp(db, personId, action);
  if (requests.length > 0) useFollowUp.getState().setOffer({ action, at, requests, reason });
}

/**
 * The forms whose values the idle lock keeps (unsavedChanges.tsx), by name: a kept draft names
 * its form with one of these, and the form (or the opener of its dialog) looks for it after sign-in.
 * Forms that ask for a passphrase keep nothing.
 */
export const DRAFT = {
  person: 'person',
  consent: 'consent',
  withdrawConsent: 'withdrawConsent',
  transaction: 'transaction',
  /** Vorgang korrigieren (key: the transaction). */
  correctTransaction: 'correctTransaction',
  information: 'information',
  /** The reason asked before a person's change is saved (key: the person). */
  reason: 'reason',
  /** Sperren / Entsperren of one person (key: the person). */
  lock: 'lock',
  request: 'request',
  extendRequest: 'extendRequest',
  rejectRequest: 'rejectRequest',
  breach: 'breach',
  notifyBreach: 'notifyBreach',
  campaign: 'campaign',
  campaignReply: 'campaignReply',
  user: 'user',
  group: 'group',
  controller: 'controller',
  privacy: 'privacy',
  purpose: 'purpose',
  /** Renaming a purpose (key: the purpose). */
  purposeName: 'purposeName',
  recipients: 'recipients',
  register: 'register',
} as const;

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
  /** The controller asked for before a document is made (useControllerFirst; it opens again, the document asked for anew). */
  controllerFirst: 'controllerFirst',
  privacy: 'privacy',
  purpose: 'purpose',
  /** Renaming a purpose (key: the purpose). */
  purposeName: 'purposeName',
  /** A purpose's retention and recipients (key: the purpose). */
  purposeDetails: 'purposeDetails',
  recipients: 'recipients',
  register: 'register',
} as const;

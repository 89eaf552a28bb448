/** The records the data layer stores beyond the domain's own types. */
import type { HeldBackChange } from '../../domain/heldBack';
import type { VersionClock } from '../../domain/versionClock';
import type { MessageKey, MessageParams } from '../../i18n/messages';
import type { Person } from '../../domain/person';

export type StoredPerson = Person;

/** A person erased on this device: restoring an older backup leaves them erased. */
export interface Erasure {
  personId: string;
  at: string;
}

/** A stored file (consent evidence, transaction attachment); bytes, not Blob, so backups can hold it. */
export interface StoredFile {
  id: string;
  /** The consent or transaction it belongs to. */
  ownerId: string;
  /** Consent evidence: the person, whose key seals the file. */
  personId?: string;
  name: string;
  mimeType: string;
  size: number;
  data: Uint8Array;
  createdAt: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** One form's unsaved values, kept at the idle lock (see commands/drafts.ts). */
export interface FormDraft {
  /** Which form: 'person', 'consent', 'request', … — the UI's own names. */
  kind: string;
  /** Which instance of it: a person's id, '' for a new record or a form that exists once. */
  key: string;
  /** What the user was editing, for the offer after signing in (a name, a dialog's title). */
  label: string;
  /** The address the form was open at. */
  at: string;
  /** The form's values, as the form hands them over (plain JSON). */
  values: unknown;
}

/** The forms a user had changed when the idle lock struck: one record per user, sealed. */
export interface KeptDraft {
  userId: string;
  keptAt: string;
  forms: FormDraft[];
}

/** How drafts were kept before forms other than the person form took part (still read). */
export interface PersonOnlyDraft {
  userId: string;
  keptAt: string;
  /** The person being edited; null: a new person. */
  personId: string | null;
  person: Person;
}

/**
 * A kept draft without the forms about erased persons (their id as the form's instance or in its
 * address), or null when nothing of it is left; the draft itself when it names none of them.
 */
export function draftWithout(
  draft: KeptDraft | PersonOnlyDraft,
  personIds: ReadonlySet<string>,
): KeptDraft | PersonOnlyDraft | null {
  if (!('forms' in draft)) return draft.personId && personIds.has(draft.personId) ? null : draft;
  const about = (f: FormDraft) => personIds.has(f.key) || [...personIds].some((id) => f.at.includes(id));
  const forms = draft.forms.filter((f) => !about(f));
  if (forms.length === draft.forms.length) return draft;
  return forms.length ? { ...draft, forms } : null;
}

/** An incoming sync document that failed a check: kept, shown, never applied. */
export interface QuarantineRecord {
  /** `docId@rev` */
  id: string;
  docId: string;
  rev: string;
  type: string;
  /** In English, as logged. */
  reason: string;
  /** The same to show in the user's language (records kept before it have none). */
  refusal?: RefusalText;
  at: string;
  /** A person's version: what finds the audit entries of its change, shown held back (domain/heldBack.ts). */
  change?: HeldBackChange;
  /** Seen and taken note of on this device (commands/heldBack.ts): listed still, no longer warned of. */
  acknowledged?: { at: string; by: string };
}

/** Why a document was refused: a message key with its values (sync/refusal.ts), `detail` a value check's problem. */
export interface RefusalText {
  key: MessageKey;
  params: MessageParams;
  detail?: { key: MessageKey; params?: MessageParams; reason: string };
}

/** The revision a replicated record was last pushed or applied at: what a local edit descends from. */
export interface SyncRev {
  docId: string;
  rev: string;
  /** Who wrote that revision (rows from before schema v19 carry none). */
  author?: string;
  /**
   * The version clock known here of the record (domain/versionClock.ts): the clocks of the versions
   * pushed or applied here, merged. None from before clocks.
   */
  clock?: VersionClock;
}

/** A person whose document has conflicting revisions (plain: counted without a key). */
export interface ConflictFlag {
  personId: string;
  revs: string[];
}

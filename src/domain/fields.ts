/**
 * The catalogue of watched personal fields: stable keys, labels through the
 * translation table. The keys are what audit entries store; never their values.
 */
import type { PersonKind, PersonalData } from './person';

export type WatchedFieldKey = keyof PersonalData;

export interface WatchedField {
  key: WatchedFieldKey;
  /** Key into the translation table (src/i18n/messages.ts). */
  labelKey: `field.${WatchedFieldKey}`;
  /** Repeated fields hold a list; their order carries no meaning. */
  repeated: boolean;
  /** Kinds that may hold the field; undefined = every kind. */
  kinds?: readonly PersonKind[];
  /** Longest accepted value (per entry for repeated fields). */
  maxLength: number;
}

const f = (key: WatchedFieldKey, maxLength: number, extra: Partial<WatchedField> = {}): WatchedField => ({
  key,
  labelKey: `field.${key}`,
  repeated: false,
  maxLength,
  ...extra,
});

export const WATCHED_FIELDS: readonly WatchedField[] = [
  f('salutation', 40),
  f('title', 60),
  f('firstName', 100),
  f('lastName', 100),
  f('street', 150),
  f('postalCode', 20),
  f('city', 100),
  f('country', 60),
  f('phone', 40),
  f('furtherPhones', 40, { repeated: true }),
  f('fax', 40),
  f('email', 254),
  f('bankAccounts', 70, { repeated: true, kinds: ['customer'] }),
];

export const WATCHED_FIELD_KEYS: readonly WatchedFieldKey[] = WATCHED_FIELDS.map((w) => w.key);

/** Not watched, but limited in length all the same. */
export const OTHER_FIELD_MAX_LENGTH = { organisation: 150, position: 100, note: 10_000 } as const;

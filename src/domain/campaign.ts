/**
 * Consent campaigns ("Aktion erstellen"): a set of persons asked for their consent
 * to named purposes, by letter or e-mail. Replies are recorded as consents (or refusals); not
 * answering is never consent. Pure: no React, no Dexie.
 */
import { joinNonEmpty, salutationGender } from './address';
import type { Consent } from './consent';
import type { Person } from './person';
import { shortId } from './shortId';
import { foldForSearch } from './searchFold';
import { t, type Language } from '../i18n/messages';

export const CAMPAIGN_MEMBER_STATUSES = ['pending', 'consented', 'refused'] as const;
export type CampaignMemberStatus = (typeof CAMPAIGN_MEMBER_STATUSES)[number];

export interface CampaignMember {
  personId: string;
  status: CampaignMemberStatus;
  /** When the person answered (consent given or refusal received); null while pending. */
  answeredAt: string | null;
  /** The consent recorded from the reply; '' unless consented. */
  consentId: string;
}

export interface Campaign {
  id: string;
  name: string;
  createdAt: string;
  /** The purposes the persons are asked to consent to. */
  purposeIds: string[];
  members: CampaignMember[];
}

/**
 * Why a person is not asked in a campaign — never a member, never in its letters or CSV: locked
 * (Art. 18), objected (an Art. 21 objection: no direct marketing, and in Germany a consent request
 * is advertising itself, § 7 UWG), or withdrew the consent to a purpose the campaign asks for (a
 * withdrawal of consent to advertising is an objection to it too, Art. 21(2),(3)).
 */
export const CAMPAIGN_LEFT_OUT_REASONS = ['locked', 'objected', 'withdrawn'] as const;
export type CampaignLeftOutReason = (typeof CAMPAIGN_LEFT_OUT_REASONS)[number];

/** What is known of a person that keeps them out of campaigns (read by data/queries/campaignLeftOut.ts). */
export interface CampaignBar {
  locked: boolean;
  /** An objection (Art. 21) recorded in the Anfragen register, whatever its status. */
  objected: boolean;
  /** The purposes whose consent they withdrew (withdrawnPurposeIds). */
  withdrawn: ReadonlySet<string>;
}

/**
 * The purposes whose consent the person withdrew and did not give again afterwards (a consent
 * given on or after the day of the withdrawal). A consent given before and still in force does not
 * undo a later withdrawal: the latest word counts.
 */
export function withdrawnPurposeIds(
  consents: readonly Pick<Consent, 'status' | 'purposeIds' | 'givenAt' | 'withdrawnAt'>[],
): Set<string> {
  const day = (iso: string) => iso.slice(0, 10);
  const withdrawnOn = new Map<string, string>();
  for (const c of consents) {
    if (c.status !== 'withdrawn') continue;
    const on = day(c.withdrawnAt ?? c.givenAt);
    for (const id of c.purposeIds) if ((withdrawnOn.get(id) ?? '') < on) withdrawnOn.set(id, on);
  }
  for (const c of consents) {
    if (c.status !== 'given') continue;
    for (const id of c.purposeIds) {
      const on = withdrawnOn.get(id);
      if (on !== undefined && day(c.givenAt) >= on) withdrawnOn.delete(id);
    }
  }
  return new Set(withdrawnOn.keys());
}

/**
 * Why the person is left out of a campaign asking for `purposeIds`, or null. A campaign without a
 * purpose (none is made so; one synced or restored might be) leaves out whoever withdrew any consent.
 */
export function campaignLeftOutReason(bar: CampaignBar, purposeIds: readonly string[]): CampaignLeftOutReason | null {
  if (bar.locked) return 'locked';
  if (bar.objected) return 'objected';
  const withdrew = purposeIds.length === 0 ? bar.withdrawn.size > 0 : purposeIds.some((id) => bar.withdrawn.has(id));
  return withdrew ? 'withdrawn' : null;
}

export interface CampaignCounts {
  total: number;
  pending: number;
  consented: number;
  refused: number;
}

export function campaignCounts(c: Pick<Campaign, 'members'>): CampaignCounts {
  const counts: CampaignCounts = { total: c.members.length, pending: 0, consented: 0, refused: 0 };
  for (const m of c.members) counts[m.status]++;
  return counts;
}

/**
 * A short reference printed on letters and reply forms, so a reply can be matched: "7K3M9Q2X-
 * B4NW0ZRE", from the campaign's and the person's whole ids (shortId.ts; no personal data).
 */
export function campaignReference(campaignId: string, personId: string): string {
  return `${shortId(campaignId)}-${shortId(personId)}`.toUpperCase();
}

/** A Zeichen as typed: letters and digits only, upper case (spaces, a missing or extra hyphen aside). */
const referenceForm = (text: string) => text.replace(/[^0-9a-z]/gi, '').toUpperCase();

/**
 * Whether a member answers to what was typed in the campaign's member search: their reply's Zeichen
 * (or a part of it, four characters at least — a reply quoting it finds its person) or words of
 * their name as search folds them (every word a part of the name).
 */
export function memberMatches(query: string, reference: string, name: string): boolean {
  const typed = referenceForm(query);
  if (typed.length >= 4 && referenceForm(reference).includes(typed)) return true;
  const words = query.split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const names = foldForSearch(name);
  return words.every((w) => foldForSearch(w).some((f) => names.some((n) => n.includes(f))));
}

/**
 * The personal salutation line of a letter: "Sehr geehrte Frau Dr. Zimmermann," / "Sehr geehrter
 * Herr Berg," / "Guten Tag Kim Novak," without a (known) Anrede; in English "Dear Ms Zimmermann,",
 * "Dear Dr Zimmermann," (a title replaces Ms/Mr), "Dear Kim Novak,". Without any name, the
 * impersonal form.
 */
export function letterSalutation(
  p: Pick<Person, 'salutation' | 'title' | 'firstName' | 'lastName'>,
  lang: Language,
): string {
  const gender = salutationGender(p.salutation);
  const last = p.lastName.trim();
  if (gender !== 'none' && last) {
    if (lang === 'de')
      return t(lang, gender === 'female' ? 'letter.salutation.female' : 'letter.salutation.male', {
        name: joinNonEmpty(' ', [p.title, last]),
      });
    if (p.title.trim()) return t(lang, 'letter.salutation.titled', { name: joinNonEmpty(' ', [p.title, last]) });
    return t(lang, gender === 'female' ? 'letter.salutation.female' : 'letter.salutation.male', { name: last });
  }
  const name = joinNonEmpty(' ', [p.firstName, p.lastName]);
  if (name) return t(lang, 'letter.salutation.neutral', { name });
  return t(lang, 'letter.salutation.unknown');
}

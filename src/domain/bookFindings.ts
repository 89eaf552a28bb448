/**
 * What the book states about itself that a data-protection officer must complete: gaps in the
 * controller, a purpose on legitimate interest that does not name it, gaps in the recipients and
 * processors entered in Einstellungen, and a sync server whose operator (a processor) has no
 * contract on record. The documents only
 * mention them where they are made ("zu prüfen"); the Übersicht and the Prüfliste list them as open
 * work, each named and leading to where it is fixed.
 */
import { isThirdCountry, syncOperatorOf, TRANSFER_BASES, type BookRecipients, type Recipient } from './recipients';
import { controllerGaps, type Controller, type ControllerPart } from './settings';
import { lacksInterest, type Purpose } from './purpose';

export type BookFinding =
  /** A transfer to a third country without its basis (Art. 44 ff.): entered before the field existed. */
  | { kind: 'transferBasis'; recipientId: string; name: string; country: string }
  /** A processor without the date of its contract (Art. 28(3) requires one). */
  | { kind: 'contract'; recipientId: string; name: string }
  /** The controller lacks what every document must name (Art. 13(1)(a), 30(1)(a)). */
  | { kind: 'controller'; missing: ControllerPart[] }
  /**
   * A purpose on Art. 6(1)(f) that does not name the legitimate interest it pursues (Art. 13(1)(d),
   * 14(2)(b)): stored, synced or restored from before the field existed.
   */
  | { kind: 'legitimateInterest'; purposeId: string; name: string }
  /**
   * Sync is configured and no contract with the server's operator is on record (Art. 28(3)): none
   * chosen (`recipientId` ''), or the chosen entry lacks its contract date.
   */
  | { kind: 'syncOperator'; server: string; recipientId: string; name: string };

/** The gaps of the recipients and processors, in their order; an entry may have both. */
export function recipientFindings(recipients: readonly Recipient[]): BookFinding[] {
  const findings: BookFinding[] = [];
  for (const r of recipients) {
    // An unknown stored value is no basis either (the settings rule would refuse it today).
    if (isThirdCountry(r) && !(TRANSFER_BASES as readonly string[]).includes(r.transferBasis))
      findings.push({ kind: 'transferBasis', recipientId: r.id, name: r.name, country: r.country });
    if (r.role === 'processor' && !r.contractDate.trim())
      findings.push({ kind: 'contract', recipientId: r.id, name: r.name });
  }
  return findings;
}

/** The controller's gap as one finding naming what is missing; [] when complete. */
export function controllerFindings(controller: Controller): BookFinding[] {
  const missing = controllerGaps(controller);
  return missing.length > 0 ? [{ kind: 'controller', missing }] : [];
}

/** The purposes on basis f without their legitimate interest, in the order given. */
export function purposeFindings(
  purposes: readonly Pick<Purpose, 'id' | 'name' | 'lawfulBasis' | 'legitimateInterest'>[],
): BookFinding[] {
  return purposes.filter(lacksInterest).map((p) => ({ kind: 'legitimateInterest', purposeId: p.id, name: p.name }));
}

/** The sync operator's gap: sync configured, and no chosen operator with a contract date; [] otherwise. */
export function syncOperatorFindings(book: BookRecipients): BookFinding[] {
  if (!book.syncServer) return [];
  const operator = syncOperatorOf(book.recipients, book.syncOperatorId);
  if (operator?.contractDate.trim()) return [];
  return [
    { kind: 'syncOperator', server: book.syncServer, recipientId: operator?.id ?? '', name: operator?.name ?? '' },
  ];
}

/**
 * Every gap of the book: the controller's, the purposes' (those given: the caller leaves out one
 * that is no longer used), the recipients' in their order, the sync operator's last. An operator
 * entry without its contract date is named once, as the sync server's operator.
 */
export function bookFindings(
  controller: Controller,
  book: BookRecipients,
  purposes: readonly Pick<Purpose, 'id' | 'name' | 'lawfulBasis' | 'legitimateInterest'>[] = [],
): BookFinding[] {
  const sync = syncOperatorFindings(book);
  const operatorId = sync[0]?.kind === 'syncOperator' ? sync[0].recipientId : '';
  const recipients = recipientFindings(book.recipients).filter(
    (f) => !(f.kind === 'contract' && operatorId && f.recipientId === operatorId),
  );
  return [...controllerFindings(controller), ...purposeFindings(purposes), ...recipients, ...sync];
}

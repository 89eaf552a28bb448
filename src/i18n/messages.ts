/**
 * The one translation table: every label of the UI, the reports and the errors, German (default)
 * and English. Keys are grouped by area; `t()` fills {placeholders}. A leaf module: it imports
 * nothing, so every layer may use it.
 */

const de = {
  // Watched personal fields (domain/fields.ts)
  'field.salutation': 'Anrede',
  'field.title': 'Titel',
  'field.firstName': 'Vorname',
  'field.lastName': 'Name',
  'field.street': 'Straße',
  'field.postalCode': 'PLZ',
  'field.city': 'Ort',
  'field.country': 'Land',
  'field.phone': 'Telefon',
  'field.furtherPhones': 'Weitere Telefonnummern',
  'field.fax': 'Telefax',
  'field.email': 'E-Mail',
  'field.bankAccounts': 'Bankverbindung',
  'field.iban': 'IBAN',
  'field.bic': 'BIC',
  'field.accountHolder': 'Kontoinhaber',
  'field.organisation': 'Firma',
  'field.position': 'Position',
  'field.note': 'Notiz',
  'field.purposeId': 'Verwendungszweck',
  'field.kind': 'Art',
  'field.private': 'Privat',

  // Person kinds
  'kind.contact': 'Ansprechpartner',
  'kind.customer': 'Kunde',
  'kind.prospect': 'Bedarfer',
  'kind.partner': 'Geschäftspartner',

  // Lawful bases, Art. 6(1) GDPR
  'basis.a': 'Art. 6 Abs. 1 lit. a DSGVO – Einwilligung',
  'basis.b': 'Art. 6 Abs. 1 lit. b DSGVO – Vertrag',
  'basis.c': 'Art. 6 Abs. 1 lit. c DSGVO – rechtliche Verpflichtung',
  'basis.d': 'Art. 6 Abs. 1 lit. d DSGVO – lebenswichtige Interessen',
  'basis.e': 'Art. 6 Abs. 1 lit. e DSGVO – öffentliche Aufgabe',
  'basis.f': 'Art. 6 Abs. 1 lit. f DSGVO – berechtigtes Interesse',

  // Audit actions
  'action.create': 'Angelegt',
  'action.update': 'Geändert',
  'action.delete': 'Gelöscht',
  'action.lock': 'Gesperrt',
  'action.unlock': 'Entsperrt',
  'action.consentGiven': 'Einwilligung erteilt',
  'action.consentWithdrawn': 'Einwilligung widerrufen',
  'action.accessReport': 'Auskunft erteilt',
  'action.portabilityExport': 'Datenexport erstellt',
  'action.import': 'Importiert',
  'action.settingsChanged': 'Einstellungen geändert',
  'action.other': 'Sonstiges',

  // Consent channels
  'channel.written': 'Schriftlich',
  'channel.email': 'E-Mail',
  'channel.form': 'Formular',
  'channel.verbal': 'Mündlich',

  // Business transaction kinds
  'transaction.calculation': 'Kalkulation',
  'transaction.order': 'Auftrag',
  'transaction.serviceCall': 'Servicecall',
  'transaction.incomingOrder': 'Bestelleingang',
  'transaction.contact': 'Kontakt',

  // Validation
  'validation.tooLong': 'Zu lang: höchstens {max} Zeichen.',
  'validation.email': 'Keine gültige E-Mail-Adresse.',
  'validation.phone': 'Keine gültige Telefonnummer.',
  'validation.postalCode': 'Keine gültige Postleitzahl für {country}.',
  'validation.iban': 'Keine gültige IBAN (Prüfsumme falsch).',
  'validation.bic': 'Kein gültiger BIC.',
  'validation.bankCustomerOnly': 'Eine Bankverbindung gibt es nur bei Kunden.',
  'validation.required': 'Pflichtfeld.',
  'noteLeak.email': 'Die Notiz enthält etwas, das wie eine E-Mail-Adresse aussieht.',
  'noteLeak.phone': 'Die Notiz enthält etwas, das wie eine Telefonnummer aussieht.',
  'noteLeak.iban': 'Die Notiz enthält etwas, das wie eine IBAN aussieht.',
};

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'field.salutation': 'Salutation',
  'field.title': 'Title',
  'field.firstName': 'First name',
  'field.lastName': 'Last name',
  'field.street': 'Street',
  'field.postalCode': 'Postal code',
  'field.city': 'City',
  'field.country': 'Country',
  'field.phone': 'Phone',
  'field.furtherPhones': 'Further phone numbers',
  'field.fax': 'Fax',
  'field.email': 'E-mail',
  'field.bankAccounts': 'Bank account',
  'field.iban': 'IBAN',
  'field.bic': 'BIC',
  'field.accountHolder': 'Account holder',
  'field.organisation': 'Company',
  'field.position': 'Position',
  'field.note': 'Note',
  'field.purposeId': 'Purpose',
  'field.kind': 'Kind',
  'field.private': 'Private',

  'kind.contact': 'Contact person',
  'kind.customer': 'Customer',
  'kind.prospect': 'Prospect',
  'kind.partner': 'Business partner',

  'basis.a': 'Art. 6(1)(a) GDPR – consent',
  'basis.b': 'Art. 6(1)(b) GDPR – contract',
  'basis.c': 'Art. 6(1)(c) GDPR – legal obligation',
  'basis.d': 'Art. 6(1)(d) GDPR – vital interests',
  'basis.e': 'Art. 6(1)(e) GDPR – public task',
  'basis.f': 'Art. 6(1)(f) GDPR – legitimate interest',

  'action.create': 'Created',
  'action.update': 'Changed',
  'action.delete': 'Deleted',
  'action.lock': 'Locked',
  'action.unlock': 'Unlocked',
  'action.consentGiven': 'Consent given',
  'action.consentWithdrawn': 'Consent withdrawn',
  'action.accessReport': 'Access report issued',
  'action.portabilityExport': 'Data export issued',
  'action.import': 'Imported',
  'action.settingsChanged': 'Settings changed',
  'action.other': 'Other',

  'channel.written': 'Written',
  'channel.email': 'E-mail',
  'channel.form': 'Form',
  'channel.verbal': 'Verbal',

  'transaction.calculation': 'Calculation',
  'transaction.order': 'Order',
  'transaction.serviceCall': 'Service call',
  'transaction.incomingOrder': 'Incoming order',
  'transaction.contact': 'Contact',

  'validation.tooLong': 'Too long: at most {max} characters.',
  'validation.email': 'Not a valid e-mail address.',
  'validation.phone': 'Not a valid phone number.',
  'validation.postalCode': 'Not a valid postal code for {country}.',
  'validation.iban': 'Not a valid IBAN (checksum wrong).',
  'validation.bic': 'Not a valid BIC.',
  'validation.bankCustomerOnly': 'Only customers have a bank account.',
  'validation.required': 'Required.',
  'noteLeak.email': 'The note contains what looks like an e-mail address.',
  'noteLeak.phone': 'The note contains what looks like a phone number.',
  'noteLeak.iban': 'The note contains what looks like an IBAN.',
};

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];
export const messages: Record<Language, Record<MessageKey, string>> = { de, en };

/** The text for a key in a language, with {placeholders} filled. Unknown keys show themselves. */
export function t(lang: Language, key: MessageKey | string, params?: Record<string, string | number>): string {
  const text = (messages[lang] as Record<string, string>)[key] ?? (messages.de as Record<string, string>)[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

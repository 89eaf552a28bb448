/** Domain words: watched fields, kinds, lawful bases, audit actions, channels, validation. German, the default: this table defines the keys. */
export const domain = {
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
  'action.informed': 'Über die Datenverarbeitung informiert',
  'action.requestClosed': 'Anfrage abgeschlossen',
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
  'noteLeak.email': 'Die Notiz enthält etwas, das wie eine E-Mail-Adresse aussieht.',
  'noteLeak.phone': 'Die Notiz enthält etwas, das wie eine Telefonnummer aussieht.',
  'noteLeak.iban': 'Die Notiz enthält etwas, das wie eine IBAN aussieht.',
  'validation.kind': 'Unbekannte Art der Person.',
  'evidence.empty': 'Die Datei ist leer.',
  'evidence.tooLarge': 'Die Datei ist zu groß: höchstens {maxMb} MB.',
  'evidence.type':
    'Als Nachweis sind nur PDF, Bilder (PNG, JPEG, GIF, WebP, HEIC) und E-Mails (.eml, .msg) erlaubt – der Inhalt dieser Datei ist nichts davon.',
  'report.source.manual': 'Manuell erfasst',
  'report.source.import': 'Importiert aus der Datei „{file}“',
};

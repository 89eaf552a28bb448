/** The form choices of the person page and later screens: lawful bases, consent channels, business transaction kinds, the note's warnings. German, the default: this table defines the keys. */
export const choices = {
  // Lawful bases, Art. 6(1) GDPR
  'basis.a': 'Art. 6 Abs. 1 lit. a DSGVO – Einwilligung',
  'basis.b': 'Art. 6 Abs. 1 lit. b DSGVO – Vertrag',
  'basis.c': 'Art. 6 Abs. 1 lit. c DSGVO – rechtliche Verpflichtung',
  'basis.d': 'Art. 6 Abs. 1 lit. d DSGVO – lebenswichtige Interessen',
  'basis.e': 'Art. 6 Abs. 1 lit. e DSGVO – öffentliche Aufgabe',
  'basis.f': 'Art. 6 Abs. 1 lit. f DSGVO – berechtigtes Interesse',
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
  // The note's warnings
  'noteLeak.email': 'Die Notiz enthält etwas, das wie eine E-Mail-Adresse aussieht.',
  'noteLeak.phone': 'Die Notiz enthält etwas, das wie eine Telefonnummer aussieht.',
  'noteLeak.iban': 'Die Notiz enthält etwas, das wie eine IBAN aussieht.',
};

/** The form choices of the person page and later screens: lawful bases, consent channels, business transaction kinds, the note's warnings. English, checked against the German keys. */
import type { choices as de } from '../de/choices';

export const choices = {
  'basis.a': 'Art. 6(1)(a) GDPR – consent',
  'basis.b': 'Art. 6(1)(b) GDPR – contract',
  'basis.c': 'Art. 6(1)(c) GDPR – legal obligation',
  'basis.d': 'Art. 6(1)(d) GDPR – vital interests',
  'basis.e': 'Art. 6(1)(e) GDPR – public task',
  'basis.f': 'Art. 6(1)(f) GDPR – legitimate interest',
  'channel.written': 'Written',
  'channel.email': 'E-mail',
  'channel.form': 'Form',
  'channel.verbal': 'Verbal',
  'transaction.calculation': 'Calculation',
  'transaction.order': 'Order',
  'transaction.serviceCall': 'Service call',
  'transaction.incomingOrder': 'Incoming order',
  'transaction.contact': 'Contact',
  'noteLeak.email': 'The note contains what looks like an e-mail address.',
  'noteLeak.phone': 'The note contains what looks like a phone number.',
  'noteLeak.iban': 'The note contains what looks like an IBAN.',
} satisfies Record<keyof typeof de, string>;

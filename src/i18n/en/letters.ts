/** Letters: consent requests and answers to requests. English, checked against the German keys. */
import type { letters as de } from '../de/letters';

export const letters = {
  'letter.address.female': 'Ms',
  'letter.address.male': 'Mr',
  'letter.salutation.female': 'Dear Ms {name},',
  'letter.salutation.male': 'Dear Mr {name},',
  'letter.salutation.titled': 'Dear {name},',
  'letter.salutation.neutral': 'Dear {name},',
  'letter.salutation.unknown': 'Dear Sir or Madam,',
  'letter.consent.title': 'Your consent to the use of your data',
  'letter.consent.subtitle': 'Request for consent under Art. 6(1)(a) and Art. 7 GDPR',
  'letter.consent.date': 'Date',
  'letter.consent.reference': 'Reference',
  'letter.consent.replyBy': 'Please reply by',
  'letter.consent.we': 'our organisation',
  'letter.consent.weStart': 'Our organisation',
  'letter.consent.intro':
    '{controller} holds your contact details. For the purposes below we use your data only if you expressly consent, so we ask for your decision. Consent is voluntary; you suffer no disadvantage without it.',
  'letter.consent.section.purposes': 'What we ask your consent for',
  'letter.consent.col.purpose': 'Purpose',
  'letter.consent.col.meaning': 'Lawful basis in plain words',
  'letter.consent.recipients': 'Recipients for “{purpose}”: {recipients}',
  'letter.consent.retention': 'Retention for “{purpose}”: {period}',
  'letter.basis.a':
    'Your consent (Art. 6(1)(a) GDPR): we use your data for this only if you expressly agree – and only until you withdraw your agreement.',
  'letter.basis.b':
    'Contract (Art. 6(1)(b) GDPR): we need these data to perform a contract with you or to prepare one at your request.',
  'letter.basis.c':
    'Legal obligation (Art. 6(1)(c) GDPR): a law obliges us to this processing, such as keeping records under commercial and tax law.',
  'letter.basis.d':
    'Vital interests (Art. 6(1)(d) GDPR): the processing is needed to protect someone’s life or health.',
  'letter.basis.e': 'Public task (Art. 6(1)(e) GDPR): the processing is needed for a task in the public interest.',
  'letter.basis.f':
    'Legitimate interest (Art. 6(1)(f) GDPR): we have a legitimate interest in the processing that does not override your interests. You may object at any time (Art. 21 GDPR).',
  'letter.consent.data': 'The data concerned are those we hold about you: {fields}.',
  'letter.consent.dataNone': 'Your name and contact details are concerned.',
  'letter.consent.section.answer': 'How to answer',
  'letter.consent.answerForm':
    'On the enclosed reply form, tick each purpose you consent to, sign it and send it back to us. Our address is in the address field of the form; it fits a window envelope.',
  'letter.consent.answerEmail':
    'You can also answer by e-mail to {email}: give the reference {reference} and the purposes you consent to.',
  'letter.consent.section.withdraw': 'You can withdraw at any time',
  'letter.consent.withdraw':
    'You can withdraw your consent at any time, without giving reasons, with effect for the future (Art. 7(3) GDPR). Withdrawing is as easy as giving consent: a short message is enough, {contact}. Processing up to the withdrawal remains lawful.',
  'letter.consent.noAnswer':
    'If you do not answer, this is not consent. We will then not use your data for the purposes named.',
  'letter.consent.dpo': 'Our data protection officer: {dpo}.',
  'letter.consent.closing': 'Yours sincerely',
  'letter.contact.email': 'by e-mail to {email}',
  'letter.contact.phone': 'by phone on {phone}',
  'letter.contact.post': 'by post to the address above',
  'letter.contact.or': ' or ',
  'letter.contact.any': 'by any way you reach us',
  'letter.form.title': 'Reply form: consent',
  'letter.form.subtitle': 'Please tick, sign and send back',
  'letter.form.from': 'From',
  'letter.form.instructions': 'Please tick each purpose you consent to. Purposes not ticked count as not given.',
  'letter.form.consent': 'Yes, I consent to {controller} using my personal data for the purpose “{purpose}”.',
  'letter.form.withdrawNote':
    'I know that I can withdraw my consent at any time with effect for the future (Art. 7(3) GDPR).',
  'letter.form.placeDate': 'Place, date',
  'letter.form.signature': 'Signature',
  'letter.csv.letterSalutation': 'Letter salutation',
  'letter.csv.purposes': 'Purposes',
} satisfies Record<keyof typeof de, string>;

/** Letters: consent requests and answers to requests. German, the default: this table defines the keys. */
export const letters = {
  // Consent-request letters and mail-merge CSV of a campaign (documents/consentLetters.ts, formats/csv/campaign.ts)
  'letter.address.female': 'Frau',
  'letter.address.male': 'Herr',
  'letter.salutation.female': 'Sehr geehrte Frau {name},',
  'letter.salutation.male': 'Sehr geehrter Herr {name},',
  'letter.salutation.titled': 'Guten Tag {name},',
  'letter.salutation.neutral': 'Guten Tag {name},',
  'letter.salutation.unknown': 'Sehr geehrte Damen und Herren,',
  'letter.consent.title': 'Ihre Einwilligung in die Verwendung Ihrer Daten',
  'letter.consent.subtitle': 'Bitte um Einwilligung nach Art. 6 Abs. 1 lit. a und Art. 7 DSGVO',
  'letter.consent.date': 'Datum',
  'letter.consent.reference': 'Zeichen',
  'letter.consent.replyBy': 'Antwort erbeten bis',
  'letter.consent.we': 'unser Unternehmen',
  'letter.consent.weStart': 'Unser Unternehmen',
  'letter.consent.intro':
    '{controller} speichert Ihre Kontaktdaten. Für die unten genannten Zwecke verwenden wir Ihre Daten nur, wenn Sie ausdrücklich einwilligen, und bitten Sie deshalb um Ihre Entscheidung. Die Einwilligung ist freiwillig; ohne sie entstehen Ihnen keine Nachteile.',
  'letter.consent.section.purposes': 'Wofür wir Ihre Einwilligung erbitten',
  'letter.consent.col.purpose': 'Zweck',
  'letter.consent.col.meaning': 'Rechtsgrundlage, einfach erklärt',
  'letter.consent.recipients': 'Empfänger bei „{purpose}“: {recipients}',
  'letter.consent.retention': 'Aufbewahrung bei „{purpose}“: {period}',
  'letter.basis.a':
    'Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO): Wir verwenden Ihre Daten dafür nur, wenn Sie ausdrücklich zustimmen – und nur, bis Sie Ihre Zustimmung widerrufen.',
  'letter.basis.b':
    'Vertrag (Art. 6 Abs. 1 lit. b DSGVO): Wir brauchen diese Daten, um einen Vertrag mit Ihnen zu erfüllen oder auf Ihren Wunsch vorzubereiten.',
  'letter.basis.c':
    'Gesetzliche Pflicht (Art. 6 Abs. 1 lit. c DSGVO): Ein Gesetz verpflichtet uns zu dieser Verarbeitung, etwa zur Aufbewahrung nach Handels- und Steuerrecht.',
  'letter.basis.d':
    'Lebenswichtige Interessen (Art. 6 Abs. 1 lit. d DSGVO): Die Verarbeitung ist nötig, um Leben oder Gesundheit eines Menschen zu schützen.',
  'letter.basis.e':
    'Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e DSGVO): Die Verarbeitung ist für eine Aufgabe im öffentlichen Interesse nötig.',
  'letter.basis.f':
    'Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO): Wir haben ein berechtigtes Interesse an der Verarbeitung, das Ihre Interessen nicht überwiegt. Sie können jederzeit widersprechen (Art. 21 DSGVO).',
  'letter.consent.data': 'Betroffen sind diese zu Ihrer Person gespeicherten Angaben: {fields}.',
  'letter.consent.dataNone': 'Betroffen sind Ihr Name und Ihre Kontaktdaten.',
  'letter.consent.section.answer': 'So antworten Sie',
  'letter.consent.answerForm':
    'Kreuzen Sie auf dem beiliegenden Antwortformular jeden Zweck an, in den Sie einwilligen, unterschreiben Sie es und senden Sie es an uns zurück. Unsere Anschrift steht im Adressfeld des Formulars; es passt in einen Fensterumschlag.',
  'letter.consent.answerEmail':
    'Sie können auch per E-Mail an {email} antworten: Nennen Sie das Zeichen {reference} und die Zwecke, in die Sie einwilligen.',
  'letter.consent.section.withdraw': 'Widerruf jederzeit möglich',
  'letter.consent.withdraw':
    'Sie können Ihre Einwilligung jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO). Der Widerruf ist so einfach wie die Einwilligung: Eine kurze Nachricht genügt, {contact}. Die Rechtmäßigkeit der Verarbeitung bis zum Widerruf bleibt davon unberührt.',
  'letter.consent.noAnswer':
    'Wenn Sie nicht antworten, gilt das nicht als Einwilligung. Wir verwenden Ihre Daten dann für die genannten Zwecke nicht.',
  'letter.consent.dpo': 'Unser Datenschutzbeauftragter: {dpo}.',
  'letter.consent.closing': 'Mit freundlichen Grüßen',
  'letter.contact.email': 'per E-Mail an {email}',
  'letter.contact.phone': 'telefonisch unter {phone}',
  'letter.contact.post': 'per Post an die oben genannte Anschrift',
  'letter.contact.or': ' oder ',
  'letter.contact.any': 'auf jedem Weg, auf dem Sie uns erreichen',
  'letter.form.title': 'Antwortformular: Einwilligung',
  'letter.form.subtitle': 'Bitte ankreuzen, unterschreiben und zurücksenden',
  'letter.form.from': 'Von',
  'letter.form.instructions':
    'Bitte kreuzen Sie jeden Zweck an, in den Sie einwilligen. Nicht angekreuzte Zwecke gelten als nicht erteilt.',
  'letter.form.consent':
    'Ja, ich willige ein, dass {controller} meine personenbezogenen Daten für den Zweck „{purpose}“ verwendet.',
  'letter.form.withdrawNote':
    'Mir ist bekannt, dass ich meine Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen kann (Art. 7 Abs. 3 DSGVO).',
  'letter.form.placeDate': 'Ort, Datum',
  'letter.form.signature': 'Unterschrift',
  'letter.csv.letterSalutation': 'Briefanrede',
  'letter.csv.purposes': 'Zwecke',
};

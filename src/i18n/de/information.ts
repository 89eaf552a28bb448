/** Informing the person (Art. 13/14): the notice, the person's panel, the Prüfliste's list. German, the default: this table defines the keys. */
export const information = {
  // The notice (documents/informationNotice.ts)
  'info.title': 'Information über die Verarbeitung Ihrer personenbezogenen Daten',
  'info.subtitle.direct': 'nach Art. 13 DSGVO',
  'info.subtitle.elsewhere': 'nach Art. 14 DSGVO',
  'info.intro.direct':
    'wir haben Daten zu Ihrer Person bei Ihnen erhoben. Nach Art. 13 der Datenschutz-Grundverordnung (DSGVO) informieren wir Sie, was mit diesen Daten geschieht und welche Rechte Sie haben.',
  'info.intro.elsewhere':
    'wir haben Daten zu Ihrer Person erhalten, ohne sie bei Ihnen selbst zu erheben. Nach Art. 14 der Datenschutz-Grundverordnung (DSGVO) informieren wir Sie, was mit diesen Daten geschieht und welche Rechte Sie haben.',
  'info.section.controller': 'Wer für die Verarbeitung verantwortlich ist',
  'info.controller': 'Verantwortlich ist {controller}. Sie erreichen uns {contact}.',
  'info.dpo': 'Unser Datenschutzbeauftragter: {dpo}.',
  'info.section.purpose': 'Wofür wir Ihre Daten verarbeiten und auf welcher Rechtsgrundlage',
  'info.purpose': 'Zweck: {purpose}.',
  // Art. 13(2)(e): whether providing the data is required, and what follows if it is not provided.
  'info.provision.a':
    'Die Angabe Ihrer Daten ist freiwillig; ohne Ihre Einwilligung verarbeiten wir sie für diesen Zweck nicht.',
  'info.provision.b':
    'Die Angabe Ihrer Daten ist für den Vertrag erforderlich; ohne sie können wir ihn nicht schließen oder erfüllen.',
  'info.provision.c':
    'Die Angabe Ihrer Daten ist gesetzlich vorgeschrieben; ohne sie können wir unserer Pflicht nicht nachkommen.',
  'info.provision.d': 'Eine Pflicht, uns die Daten anzugeben, besteht nicht.',
  'info.provision.e': 'Eine Pflicht, uns die Daten anzugeben, besteht nicht.',
  'info.provision.f': 'Eine Pflicht, uns die Daten anzugeben, besteht nicht.',
  // Art. 13(1)(d), 14(2)(b): the legitimate interest of a purpose on Art. 6(1)(f).
  'info.interest': 'Unser berechtigtes Interesse: {interest}.',
  'info.interestMissing': 'Unser berechtigtes Interesse: noch nicht angegeben – vom Verantwortlichen zu ergänzen.',
  'info.purposeNone': 'Ein Zweck ist noch nicht festgelegt; bis dahin verwenden wir Ihre Daten nicht.',
  'info.section.data': 'Welche Daten wir verarbeiten',
  'info.data': 'Zu Ihrer Person gespeichert sind: {fields}.',
  'info.dataNone': 'Gespeichert sind Ihr Name und Ihre Kontaktdaten.',
  'info.section.source': 'Woher die Daten stammen',
  'info.source':
    'Wir haben die Daten nicht bei Ihnen selbst erhoben, sondern übernommen – etwa aus einer Adressliste, von einer Visitenkarte oder von Kolleginnen und Kollegen. Auf Wunsch nennen wir Ihnen die Quelle genauer.',
  'info.sourceImport':
    'Wir haben die Daten nicht bei Ihnen selbst erhoben, sondern am {date} aus der Datei „{file}“ übernommen.',
  'info.sourceNote': 'Zur Herkunft haben wir vermerkt: {note}.',
  'info.section.recipients': 'Wer die Daten erhält',
  'info.recipients': 'Empfänger: {recipients}.',
  'info.recipientsNone': 'Wir übermitteln Ihre Daten an keine weiteren Empfänger.',
  'info.processors':
    'Dienstleister, die Ihre Daten in unserem Auftrag und nach unserer Weisung verarbeiten (Auftragsverarbeiter, Art. 28 DSGVO): {names}.',
  'info.syncOperator':
    'Wir gleichen unseren Datenbestand zwischen unseren Geräten über den Server {server} ab. Dessen Betreiber verarbeitet Ihre Daten in unserem Auftrag (Auftragsverarbeiter); auf dem Server liegen sie nur verschlüsselt.',
  'info.syncOperatorNamed':
    'Wir gleichen unseren Datenbestand zwischen unseren Geräten über den Server {server} ab. Ihn betreibt {name} in unserem Auftrag und nach unserer Weisung (Auftragsverarbeiter, Art. 28 DSGVO); auf dem Server liegen Ihre Daten nur verschlüsselt.',
  'info.syncOperatorContract': 'Mit dem Betreiber besteht ein Auftragsverarbeitungsvertrag vom {date}.',
  'info.bookRecipients': 'Weitere Empfänger: {names}.',
  'info.transfer':
    'Dabei werden Ihre Daten in ein Land außerhalb der Europäischen Union und des Europäischen Wirtschaftsraums (Drittland) übermittelt, und zwar an: {names}.',
  // One paragraph per third-country entry: the existence or absence of an adequacy decision, the safeguards and how to get a copy (Art. 13(1)(f)).
  'info.transfer.adequacy':
    '{recipient}: Für dieses Land besteht ein Angemessenheitsbeschluss der EU-Kommission (Art. 45 DSGVO).',
  'info.transfer.sccs':
    '{recipient}: Ein Angemessenheitsbeschluss der EU-Kommission besteht dafür nicht; die Übermittlung stützt sich auf Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO). Eine Kopie erhalten Sie auf Anfrage bei uns.',
  'info.transfer.bcr':
    '{recipient}: Ein Angemessenheitsbeschluss der EU-Kommission besteht dafür nicht; die Übermittlung stützt sich auf verbindliche interne Datenschutzvorschriften des Empfängers (Art. 47 DSGVO). Eine Kopie erhalten Sie auf Anfrage bei uns.',
  'info.transfer.derogation':
    '{recipient}: Ein Angemessenheitsbeschluss der EU-Kommission und geeignete Garantien (Art. 46 DSGVO) bestehen dafür nicht; die Übermittlung stützt sich auf eine Ausnahme für bestimmte Fälle (Art. 49 DSGVO).',
  'info.transfer.missing':
    '{recipient}: Ob für dieses Land ein Angemessenheitsbeschluss der EU-Kommission besteht oder auf welche geeigneten Garantien (Art. 46 DSGVO) sich die Übermittlung stützt und wie Sie eine Kopie davon erhalten, teilen wir Ihnen auf Anfrage mit.',
  'info.transfer.note': 'Im Einzelnen: {note}.',
  'info.section.retention': 'Wie lange wir die Daten speichern',
  'info.retentionPurpose': 'Für diesen Zweck bewahren wir die Daten {period} auf.',
  'info.retentionPurposeNamed': 'Für den Zweck „{purpose}“ bewahren wir die Daten {period} auf.',
  'info.retentionPurposeNamedNone':
    'Für den Zweck „{purpose}“ speichern wir die Daten, solange der Zweck es erfordert, und löschen sie danach.',
  'info.retentionPurposeNone': 'Wir speichern die Daten, solange der Zweck es erfordert, und löschen sie danach.',
  'info.retentionRecords':
    'Unterlagen zu Geschäftsvorgängen (etwa Angebote, Aufträge, Schriftverkehr) bewahren wir nach Handels- und Steuerrecht {transactions} Jahre auf, Buchungsbelege {accounting} Jahre (§ 257 HGB, § 147 AO), jeweils ab Ende des Kalenderjahres.',
  'info.section.rights': 'Ihre Rechte',
  'info.rights':
    'Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und Datenübertragbarkeit (Art. 20). Eine kurze Nachricht an uns genügt.',
  'info.withdraw':
    'Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO); die Rechtmäßigkeit der Verarbeitung bis zum Widerruf bleibt unberührt.',
  'info.object':
    'Sie können der Verarbeitung aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit widersprechen (Art. 21 DSGVO).',
  'info.complaint': 'Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO).',
  'info.noAutomatedDecision': 'Eine automatisierte Entscheidungsfindung einschließlich Profiling findet nicht statt.',
  // The person's panel (ui/person/InformationPanel.tsx)
  'ui.information.title': 'Information nach Art. 13/14 DSGVO',
  'ui.information.informed': 'Informiert am {date} ({channel}).',
  'ui.information.notRecorded': 'Nicht erfasst, ob die Person informiert wurde.',
  'ui.information.direct.due': 'Bei der Erhebung am {date} zu informieren (Art. 13) – noch nicht informiert.',
  'ui.information.elsewhere.running': 'Bis {date} zu informieren (Art. 14 Abs. 3) – noch {days} Tage.',
  'ui.information.elsewhere.today': 'Bis heute ({date}) zu informieren (Art. 14 Abs. 3).',
  'ui.information.elsewhere.overdue':
    'Frist zur Information am {date} abgelaufen (Art. 14 Abs. 3) – seit {days} Tagen.',
  'ui.information.letter': 'Informationsschreiben (PDF)',
  'ui.information.email': 'Information als E-Mail',
  'ui.information.record': 'Information erfassen',
  'ui.information.recordTitle': 'Information erfassen',
  'ui.information.date': 'Informiert am',
  'ui.information.channel': 'Weg',
  'ui.information.channel.letter': 'Brief',
  'ui.information.channel.email': 'E-Mail',
  'ui.information.channel.inPerson': 'persönlich',
  'ui.information.channel.other': 'anderer Weg',
  'ui.information.recorded': 'Information erfasst.',
  'ui.information.letterIssued': '{file} wurde heruntergeladen.',
  'ui.information.file': 'datenschutzinformation',
  'ui.information.emailTitle': 'Information als E-Mail',
  'ui.information.emailHint':
    'Betreff und Text kopieren und mit Ihrem E-Mail-Programm senden; danach „Information erfassen“.',
  'ui.information.subject': 'Betreff',
  'ui.information.body': 'Text',
  'ui.information.copy': 'Text kopieren',
  'ui.information.copied': 'Text kopiert.',
  'ui.information.close': 'Schließen',
  'ui.information.noAddress':
    'Keine Postanschrift (Straße und Ort): Das Schreiben lässt sich nicht verschicken – persönlich übergeben oder als E-Mail informieren.',
  'ui.information.noController': 'Für das Schreiben fehlt der Verantwortliche (Einstellungen).',
  // The Prüfliste's list (ui/worklist)
  'ui.worklist.tab.notInformed': 'Nicht informiert (Art. 13/14)',
  'ui.worklist.explain.notInformed':
    'Natürliche Personen, die noch nicht über die Verarbeitung ihrer Daten informiert wurden: bei der Erhebung (Art. 13) oder, wenn die Daten aus einer anderen Quelle stammen (etwa ein Import), spätestens einen Monat danach (Art. 14 Abs. 3). Gelistet, wenn die Frist in höchstens 7 Tagen abläuft oder abgelaufen ist.',
  'ui.worklist.empty.notInformed': 'Keine Frist zur Information läuft ab – nichts zu tun.',
};

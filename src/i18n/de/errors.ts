/** Errors the start can show: the data layer's rules, sign-in, the team's checks (the lazy commands' errors: commandErrors.ts). German, the default: this table defines the keys. */
export const errors = {
  'error.reasonRequired': 'Änderung an {fields} ohne Verwendungszweck und Kommentar – nicht gespeichert.',
  'error.personLocked': 'Die Person ist gesperrt (Art. 18 DSGVO): erst entsperren.',
  'error.permissionDenied': 'Ihnen fehlt die Berechtigung „{permission}“.',
  'error.notSignedIn': 'Nicht angemeldet: bitte erneut anmelden.',
  'error.staleVersion': 'Die Person wurde inzwischen geändert (z. B. in einem anderen Tab).',
  'error.validation': 'Ungültige Eingabe: {fields}.',
  'error.auditAppendOnly': 'Das Protokoll kann nur ergänzt, nie geändert oder gelöscht werden.',
  'error.signIn': 'Unbekannter Benutzer oder falsche Passphrase.',
  'error.storageFull': 'Der Speicher des Geräts ist voll; es wurde nichts gespeichert.',
  'error.retention': 'Löschung nicht möglich: gesetzliche Aufbewahrungspflicht bis {date}.',
  'error.fileMissing': 'Die Datei gibt es nicht (mehr).',
  'error.keysLocked': 'Die Daten sind gesperrt. Bitte melden Sie sich erneut an.',
  'error.personKeyMissing': 'Diese Person wurde gelöscht; ihre verschlüsselten Daten sind nicht mehr lesbar.',
  'error.noKeyForUser':
    'Dieses Konto hat noch keinen Zugang zu den verschlüsselten Daten. Eine Administratorin oder ein Administrator muss die Passphrase neu setzen.',
  'error.lockNew': 'Nur eine gespeicherte Person kann gesperrt werden.',
  'error.lockWithChanges': 'Beim Sperren können keine Daten geändert werden. Bitte zuerst speichern.',
  'error.controllerMissing':
    'Ohne Verantwortlichen wird kein Dokument erstellt. Es fehlt: {missing}. Bitte unter Einstellungen → Verantwortlicher ergänzen.',
  'error.controllerMissing.name': 'Name',
  'error.controllerMissing.address': 'Anschrift (Straße, PLZ, Ort)',
  'error.controllerMissing.contact': 'E-Mail oder Telefon',
  // errorText (at the start) words a PDF's failed font (FontLoadError), like the controller above.
  'error.pdfFontMissing':
    'Das PDF konnte nicht erstellt werden, weil seine Schrift nicht geladen werden konnte – offline steht sie erst bereit, nachdem die App einmal mit Internetverbindung geladen wurde. Bitte mit Internetverbindung die App neu laden und das PDF noch einmal erstellen.',
  'error.personMissing': 'Die Person gibt es nicht (mehr).',
  'error.withdrawalNoEvidence':
    'Bitte festhalten, wie der Widerruf kam (z. B. „am Telefon gegenüber Frau Kurz“), oder einen Nachweis anhängen.',
  'error.consentKept': 'Eine Einwilligung bleibt gespeichert; sie kann nur widerrufen werden.',
  'error.recordKept': 'Dieser Eintrag bleibt gespeichert: Er belegt, wie eine Pflicht erfüllt wurde.',
  'error.fileDocumentOnly':
    'Ein ausgestelltes Dokument wird der Anfrage nur hinzugefügt; sonst ändert sich an ihr nichts.',
  'error.consentNew': 'Eine neue Einwilligung wird als erteilt erfasst.',
  'error.consentImmutable': 'Eine erfasste Einwilligung kann nicht geändert, nur widerrufen werden.',
  'error.settingsKept': 'Einstellungen werden geändert, nie gelöscht.',
  'error.purposeInUse': 'Ein verwendeter Verwendungszweck kann nicht gelöscht werden; bitte deaktivieren.',
  'error.purposeNameRequired': 'Ein Verwendungszweck braucht eine Bezeichnung.',
  'error.purposeNameTooLong': 'Die Bezeichnung ist zu lang (höchstens 100 Zeichen).',
  'error.purposeInterestRequired':
    'Ein Zweck auf Grundlage eines berechtigten Interesses (Art. 6 Abs. 1 lit. f DSGVO) muss dieses Interesse benennen: Welches Interesse verfolgen Sie, und warum überwiegt es?',
  'error.purposeInterestTooLong': 'Das berechtigte Interesse ist zu lang (höchstens 1000 Zeichen).',
  'error.purposeExists': 'Einen Verwendungszweck mit dieser Bezeichnung gibt es schon.',
  'error.lastAdmin': 'Der letzte Administrator kann nicht entfernt oder herabgestuft werden.',
  'error.adminGrantsAdmin': 'Nur ein Administrator kann Administratoren ernennen oder ändern.',
  'error.userVerifier':
    'Der Passphrasen-Prüfwert des Benutzers ist ungültig: Er muss mit PBKDF2-SHA-256 und mindestens {min} Durchläufen erzeugt sein.',
  'error.ownRights': 'Eigene Rechte kann niemand selbst erweitern; ein anderer Benutzer muss sie gewähren.',
  'error.draftNotOwn':
    'Ein Entwurf gehört dem Benutzer, der ihn bearbeitet hat; ein anderer kann ihn weder ablegen noch löschen.',
  'error.syncBadAddress': 'Die Serveradresse „{address}“ ist keine gültige http(s)-Adresse.',
  'error.syncUnreachable': 'Der Server {address} ist nicht erreichbar (keine Verbindung oder falsche Adresse).',
  'error.syncNotCouch': 'Unter {address} antwortet kein CouchDB-Server.',
  'error.syncAccountRefused': 'Der Server hat das Konto „{user}“ abgelehnt: Benutzername oder Passwort stimmen nicht.',
  'error.syncNoAccess': 'Das Konto „{user}“ hat keinen Zugriff auf die Datenbank „{database}“.',
  'error.syncNoDatabase':
    'Die Datenbank „{database}“ gibt es auf dem Server nicht. Bitte legen Sie sie dort an (oder bitten Sie den Betreiber des Servers darum) und verbinden Sie dann erneut.',
  'error.syncServerError': 'Der Server hat mit einem Fehler geantwortet ({status}).',
  'error.internalTable': 'Die Tabelle {table} führt die Anwendung selbst; sie kann nicht direkt geändert werden.',
  'error.auditNotEvent':
    'Das Protokoll nimmt nur Ereignisse der Anwendung auf (Auskünfte, Exporte, Einstellungen); die Aktion „{action}“ wird mit ihrer Änderung protokolliert.',
  'error.eventNotPermitted':
    'Das Ereignis „{action}“ darf nur protokollieren, wer die Berechtigung „{permission}“ hat.',
  'error.eventAdminOnly':
    'Das Ereignis „{action}“ darf nur eine Administratorin oder ein Administrator protokollieren.',
  'error.syncOperatorAdminOnly':
    'Nur eine Administratorin oder ein Administrator benennt den Betreiber des Sync-Servers.',
  'error.syncOperatorNotProcessor':
    'Als Betreiber des Sync-Servers lässt sich nur ein erfasster Auftragsverarbeiter wählen.',
  'error.settingInternal': 'Die Einstellung {key} führt die Anwendung selbst; sie kann nicht direkt geändert werden.',
  'error.settingUnknown': 'Eine Einstellung {key} gibt es nicht.',
  'error.eraseByCommand': 'Eine Person wird nur über „Löschen“ gelöscht (mit Protokolleintrag).',
  'error.sealedRecord':
    'Der Datensatz {key} (Tabelle {table}) lässt sich nicht öffnen: Er wurde außerhalb der Anwendung verändert oder ist beschädigt.',
  'error.userNameRequired': 'Bitte einen Benutzernamen angeben.',
  'error.userNameTooLong': 'Der Benutzername ist zu lang (höchstens 60 Zeichen).',
  'error.staffNumberRequired': 'Bitte eine Personalnummer angeben.',
  'error.passphraseTooShort': 'Die Passphrase braucht mindestens {min} Zeichen.',
  'error.alreadySetUp': 'Der Administrator ist bereits angelegt; bitte anmelden.',
  'error.userMissing': 'Den Benutzer gibt es nicht.',
  'error.keyGrantMalformed':
    'Eine Schlüsselfreigabe ist beschädigt: ihre Kennung passt nicht zu Epoche, Mitglied und Schlüssel, oder ein Feld fehlt.',
  'error.keyGrantFixed': 'Schlüsselfreigaben werden nie geändert oder gelöscht.',
  'error.endedAccount':
    'Das beendete Serverkonto eines Mitglieds hält nur das Entfernen aus dem Team durch eine Administratorin oder einen Administrator fest.',
  'error.userDeleteSynced':
    'In einem synchronisierten Buch wird ein Benutzer nicht gelöscht: die anderen Geräte brauchen seinen Eintrag für das, was er geschrieben hat. Entfernen Sie ihn stattdessen aus dem Team.',
  'error.lowerNeedsAdmin':
    'In einem synchronisierten Team nimmt nur eine Administratorin oder ein Administrator einem Mitglied Rechte: nur deren Gerät kann sich für das verbürgen, was das Mitglied bis dahin geschrieben hat.',
  'error.vouched':
    'Für das, was ein Mitglied geschrieben hat, verbürgt sich nur eine Administratorin oder ein Administrator – beim Einschränken seiner Rechte oder beim Entfernen – und nur hinzufügend.',
  'ui.permission.editPersons': 'Personen bearbeiten',
  'ui.permission.deletePersons': 'Personen löschen',
  'ui.permission.lockPersons': 'Ansprechpartner sperren',
  'ui.permission.manageReferenceLists': 'Referenzlisten verwalten',
  'ui.permission.issueReports': 'Auskünfte und Exporte erstellen',
  'ui.permission.manageUsers': 'Benutzer verwalten',
  'ui.permission.changePrivacySettings': 'Datenschutzeinstellungen ändern',
  // Checks the data layer's rules make on values (shared with sync's incoming checks).
  'error.consentNotConfirmed': 'Die Einwilligung muss ausdrücklich bestätigt werden.',
  'error.consentNoPurpose': 'Eine Einwilligung nennt mindestens einen Verwendungszweck.',
  'error.consentNoDate': 'Bitte das Datum der Einwilligung angeben.',
  'error.consentNoEvidence':
    'Bitte belegen Sie die Einwilligung: eine Datei als Nachweis (PDF, Bild, E-Mail) oder ein erfasster Kontakt, der sie enthält.',
  'error.consentVerbalNote': 'Eine mündliche Einwilligung braucht eine Notiz (wer, wann, wo).',
  'error.transactionTitle': 'Ein Geschäftsvorfall braucht einen Titel.',
  'error.transactionDate': 'Ein Geschäftsvorfall braucht ein Datum.',
  'error.consentAttributeName': 'Der Name des Einwilligungsattributs darf höchstens {max} Zeichen lang sein.',
  'error.settingInvalid': 'Der Wert der Einstellung {key} ist ungültig.',
  'error.purposeInvalid': 'Der Verwendungszweck enthält ungültige Angaben.',
  'error.consentInvalid': 'Die Einwilligung enthält ungültige Angaben.',
  'error.transactionInvalid': 'Der Geschäftsvorfall enthält ungültige Angaben.',
  'error.transactionComment': 'Bitte begründen Sie, warum der Geschäftsvorfall korrigiert oder gelöscht wird.',
  'error.transactionIsEvidence':
    'Dieser Geschäftsvorfall ist Nachweis einer Einwilligung: Er bleibt ein Kontakt mit dieser Person und kann nicht gelöscht werden.',
  'error.registerNoteTooLong': 'Eine Angabe im Verzeichnis ist zu lang (höchstens {max} Zeichen).',
};

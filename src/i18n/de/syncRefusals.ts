/**
 * Why a document arriving by sync was refused (data/sync/refusal.ts), as the list of held-back
 * changes shows it, and the names of the book's tables it names. German, the default: this table
 * defines the keys. `{table}` is a table's name, `{permissions}` a list of permissions and
 * `{detail}` the value check's own message — each put in words by the list (ui/sync/refusalText.ts).
 */
export const syncRefusals = {
  'sync.refused.noAuthor': 'ohne Autor',
  'sync.refused.inactiveAuthor': 'sein Autor {author} ist kein aktiver Benutzer',
  'sync.refused.mayNotChange': 'sein Autor {author} darf {table} nicht ändern (dafür braucht es: {permissions})',
  'sync.refused.settingNeedsAdmin':
    'sein Autor {author} ist kein Administrator und darf die Einstellung {setting} nicht ändern',
  'sync.refused.raisesOwnRights': 'sein Autor {author} erweitert seine eigenen Rechte',
  'sync.refused.adminOnly':
    'sein Autor {author} ist kein Administrator und darf keinen Administrator anlegen, ändern oder löschen',
  'sync.refused.endedAccount':
    'es hält ein beendetes Serverkonto von {user} fest, wie es nur das Entfernen durch einen Administrator tut',
  'sync.refused.vouched':
    'es verbürgt sich für das, was {user} geschrieben hat, wie es nur eine Administratorin oder ein Administrator hinzufügend tut',
  'sync.refused.lastAdmin': 'es ließe das Buch ohne aktiven Administrator ({user} ist der letzte)',
  'sync.refused.grantChanged':
    'es macht die hier gehaltene Schlüsselfreigabe zu einer anderen ({fields}): Schlüsselfreigaben ändern sich nie',
  'sync.refused.invalidSetting': 'ungültige Einstellung {setting}: {detail}',
  'sync.refused.invalidUser': 'ungültiger Benutzer: {detail}',
  'sync.refused.invalidPurpose': 'ungültiger Verwendungszweck: {detail}',
  'sync.refused.invalidConsent': 'ungültige Einwilligung: {detail}',
  'sync.refused.invalidTransaction': 'ungültiger Geschäftsvorgang: {detail}',
  'sync.refused.invalidFile': 'ungültige Datei: {detail}',
  'sync.refused.invalidKeyGrant': 'ungültige Schlüsselfreigabe: {detail}',
  'sync.refused.invalidPerson': 'ungültige Felder: {fields}',
  'sync.refused.personWithoutKey': 'eine Person ohne ihren Schlüssel',
  'sync.refused.personKeyChanged': 'eine Person mit einem anderen Schlüssel als dem hier gehaltenen',
  'sync.refused.idMismatch': 'seine Kennung nennt einen anderen Datensatz',
  'sync.refused.epochNotGranted':
    'der Schlüssel seiner Person ist unter der Schlüsselepoche {epoch} versiegelt, die diesem Gerät nicht freigegeben ist',
  'sync.refused.checkpointDevice': 'sein Prüfpunkt nennt ein anderes Gerät',
  'sync.refused.checkpointUnsigned': 'sein Prüfpunkt ist nicht mit dem Protokollschlüssel signiert',
  'sync.refused.segmentId': 'seine Kennung nennt andere Einträge',
  'sync.refused.entryUser': 'sein Autor ist nicht der Benutzer des Eintrags',
  'sync.refused.entryNoUser': 'sein Eintrag {seq} nennt keinen Benutzer',
  'sync.refused.entryRewritten': 'sein Eintrag {seq} weicht von dem dieser Kette ab, der hier gespeichert ist',
  'sync.refused.unknownType': 'unbekannte Art {type}',
  'sync.refused.notBookSetting': 'keine Einstellung des Buchs: {setting}',
  'sync.refused.otherBookKey': 'unter einem anderen Schlüssel als dem dieses Buchs geschrieben',
  'sync.refused.macMismatch': 'sein Umschlag wurde verändert (der MAC passt nicht)',
  'sync.refused.neverDeleted': '{table} werden nie gelöscht',
  'sync.refused.personErased': 'seine Person wurde gelöscht',
  'sync.refused.olderVersion': 'eine ältere Fassung, erneut gesendet: hier liegt schon diese oder eine neuere',
  'sync.refused.noClock':
    'ohne Versionsangabe, obwohl sein Gerät {device} sie mitsendet: eine ältere Fassung, erneut gesendet',
  'sync.refused.invalidClock': 'seine Versionsangabe ist ungültig',
  'sync.refused.bodyChanged': 'sein Inhalt fehlt oder wurde verändert',
  'sync.refused.doesNotOpen': 'lässt sich mit den Schlüsseln des Buchs nicht öffnen ({error})',
  'sync.refused.notPerson': 'keine Person',
  'sync.refused.bareDelete': 'auf dem Server ohne versiegelten Löschvermerk gelöscht',
  'sync.refused.personLocked': 'seine Person ist gesperrt',
  'sync.refused.mayNotUnlock': 'sein Autor {author} darf keine Personen entsperren',
  'sync.refused.mayNotLock': 'sein Autor {author} darf keine Personen sperren',
  'sync.refused.mayNotChangePersons': 'sein Autor {author} darf keine Personen ändern',
  'sync.refused.noPurpose': 'es ändert personenbezogene Daten ohne Verwendungszweck',
  'sync.refused.or': 'oder',
  'sync.refused.aPermission': 'eine Berechtigung',
  'sync.table.settings': 'Einstellungen',
  'sync.table.users': 'Benutzer',
  'sync.table.groups': 'Gruppen',
  'sync.table.keyGrants': 'Schlüsselfreigaben',
  'sync.table.purposes': 'Verwendungszwecke',
  'sync.table.persons': 'Personen',
  'sync.table.consents': 'Einwilligungen',
  'sync.table.files': 'Dateien',
  'sync.table.transactions': 'Geschäftsvorgänge',
  'sync.table.requests': 'Anfragen',
  'sync.table.breaches': 'Datenpannen',
  'sync.table.campaigns': 'Werbeaktionen',
  'sync.table.auditLog': 'Protokolleinträge',
  'sync.table.chainCheckpoints': 'Protokoll-Prüfpunkte',
  'sync.table.erasures': 'Löschvermerke',
};

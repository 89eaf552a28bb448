/** Shared UI words: navigation, loading, update prompt (the dialogs' words: dialogs.ts). German, the default: this table defines the keys. */
export const common = {
  // UI
  'ui.loading': 'Wird geladen …',
  'ui.skipToContent': 'Zum Inhalt springen',
  'ui.error.unexpected': 'Unerwarteter Fehler: {message}',
  'ui.nav.label': 'Hauptnavigation',
  'ui.nav.uebersicht': 'Übersicht',
  'ui.nav.personen': 'Personen',
  'ui.nav.pruefliste': 'Prüfliste DSGVO',
  'ui.nav.anfragen': 'Anfragen',
  'ui.nav.datenpannen': 'Datenpannen',
  'ui.nav.protokoll': 'Protokoll',
  'ui.nav.verzeichnis': 'Verzeichnis',
  'ui.nav.einstellungen': 'Einstellungen',
  'ui.nav.menu': 'Menü',
  'ui.pwa.newVersion': 'Neue Version verfügbar',
  'ui.pwa.update': 'Aktualisieren',
  'ui.pwa.later': 'Später',
  'ui.pwa.reloadRequired': 'Bitte neu laden: Consentbook wurde in einem anderen Tab aktualisiert.',
  'ui.pwa.reload': 'Neu laden',
  // Shown when a lazy part's file is gone (chunkLoad.ts): at the start, the later areas may be gone too.
  'ui.pwa.chunkFailed':
    'Dieser Teil von Consentbook konnte nicht geladen werden: Die App wurde inzwischen aktualisiert, oder die Datei ist offline nicht verfügbar. „Neu laden“ lädt die aktuelle Version; nicht gespeicherte Eingaben werden vorher aufbewahrt.',
  // The backup reminder is shown with the first screen (Shell.tsx): its texts are at the start.
  'ui.backup.restoredElsewhere':
    'In einem anderen Tab wurde eine Sicherung wiederhergestellt. Bitte melden Sie sich erneut an.',
  'ui.backup.reminderDays': 'Letzte Sicherung vor {days} Tagen.',
  'ui.backup.reminderDay': 'Letzte Sicherung vor einem Tag.',
  'ui.backup.reminderNone': 'Es gibt noch keine Sicherung der Daten.',
  'ui.backup.reminderLink': 'Jetzt sichern',
  'ui.backup.reminderDismiss': 'Erinnerung ausblenden',
};

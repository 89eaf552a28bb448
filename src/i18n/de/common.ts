/** Shared UI words: navigation, buttons, loading, update prompt. German, the default: this table defines the keys. */
export const common = {
  // UI
  'ui.loading': 'Wird geladen …',
  'ui.save': 'Speichern',
  'ui.cancel': 'Abbrechen',
  'ui.confirm': 'Bestätigen',
  'ui.close': 'Schließen',
  'ui.skipToContent': 'Zum Inhalt springen',
  'ui.error.unexpected': 'Unerwarteter Fehler: {message}',
  'ui.nav.label': 'Hauptnavigation',
  'ui.nav.uebersicht': 'Übersicht',
  'ui.nav.personen': 'Personen',
  'ui.nav.pruefliste': 'Prüfliste DSGVO',
  'ui.nav.anfragen': 'Anfragen',
  'ui.nav.protokoll': 'Protokoll',
  'ui.nav.verzeichnis': 'Verzeichnis',
  'ui.nav.einstellungen': 'Einstellungen',
  'ui.pwa.newVersion': 'Neue Version verfügbar',
  'ui.pwa.update': 'Aktualisieren',
  'ui.pwa.later': 'Später',
  'ui.pwa.reloadRequired': 'Bitte neu laden: Consentbook wurde in einem anderen Tab aktualisiert.',
  'ui.pwa.reload': 'Neu laden',
};

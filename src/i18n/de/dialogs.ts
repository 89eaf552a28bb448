/** The words of dialogs and of the offer of kept changes: only lazy dialogs show them. German, the default: this table defines the keys. */
export const dialogs = {
  'ui.save': 'Speichern',
  'ui.cancel': 'Abbrechen',
  'ui.confirm': 'Bestätigen',
  'ui.kept.title': 'Nicht gespeicherte Änderungen',
  'ui.kept.text':
    'Als die Anwendung am {at} gesperrt oder aktualisiert wurde, waren Änderungen an „{name}“ nicht gespeichert. Sie wurden verschlüsselt aufbewahrt.',
  'ui.kept.restore': 'Änderungen wiederherstellen',
  'ui.unsaved.title': 'Änderungen verwerfen?',
  'ui.unsaved.text': 'Was Sie hier geändert haben, ist noch nicht gespeichert und geht verloren.',
  'ui.unsaved.stay': 'Weiter bearbeiten',
  'ui.unsaved.discard': 'Verwerfen',
  'ui.close': 'Schließen',
};

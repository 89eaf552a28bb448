/** The sign-in screen, before anyone is signed in. German, the default: this table defines the keys. */
export const signIn = {
  'ui.auth.user': 'Benutzer',
  'ui.auth.passphrase': 'Passphrase',
  'ui.auth.signInTitle': 'Anmelden',
  'ui.auth.signIn': 'Anmelden',
  'ui.auth.signingIn': 'Anmeldung läuft …',
  'ui.auth.signOut': 'Abmelden',
  'ui.auth.lockedIdle': 'Wegen Inaktivität automatisch gesperrt. Bitte erneut anmelden.',
  'ui.auth.restored': 'Eine Sicherung wurde wiederhergestellt. Bitte mit einem Benutzer der Sicherung anmelden.',
  'ui.sync.join': 'Einem Team beitreten',
  'ui.sync.joinLead':
    'Gibt es das Buch schon auf einem anderen Gerät? Dann treten Sie ihm bei, statt neu einzurichten.',
  'ui.sync.joined': 'Beigetreten: {persons} Personen geladen. Melden Sie sich mit Ihrem eigenen Benutzer an.',
  'ui.settings.language': 'Sprache',
};

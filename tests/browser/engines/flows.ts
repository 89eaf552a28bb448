/**
 * The app's main flows, written once against the Driver interface and run in every engine
 * (engines/mainFlows.ts, one test file per engine). Each step continues where the one before left
 * off, as a user's day would: first start → person created and edited with a reason → consent with
 * evidence → Auskunft and export → Protokoll → an offline reload.
 */
import { extractText } from 'unpdf';
import { expect } from 'vitest';
import { byLabel, byRole, poll, type Driver } from './driver';

export const ADMIN = { name: 'admin', staffNumber: 'P-001', passphrase: 'correct horse battery' };

/** Where the production build is served; stopping it takes the app offline for the browser. */
export interface Site {
  url: string;
  stop(): Promise<void>;
}

const EVIDENCE = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const personLink = byRole('link', 'Personen');
const reasonDialog = byRole('dialog', 'Änderung begründen');

export async function signIn(d: Driver): Promise<void> {
  await d.fill(byLabel('Benutzer'), ADMIN.name);
  await d.fill(byLabel('Passphrase'), ADMIN.passphrase);
  await d.click(byRole('button', 'Anmelden'));
  await d.waitFor(personLink);
}

export async function firstStartAndSignIn(d: Driver, site: Site): Promise<void> {
  await d.goto(site.url);
  await d.fill(byLabel('Benutzer'), ADMIN.name);
  await d.fill(byLabel('Personalnummer'), ADMIN.staffNumber);
  await d.fill(byLabel('Passphrase'), ADMIN.passphrase);
  await d.fill(byLabel('Passphrase wiederholen'), ADMIN.passphrase);
  await d.click(byRole('button', 'Einrichten'));
  await d.waitFor(byRole('heading', 'Übersicht'));
  await d.reload();
  await signIn(d);
}

/**
 * The Übersicht says whether the browser may delete the data. Where the browser has no
 * navigator.storage.persisted (Safari on older iPads, WebKitGTK) it shows the home-screen steps.
 */
export async function storageState(d: Driver): Promise<'homeScreen' | 'persist' | 'safe'> {
  await d.click(byRole('link', 'Übersicht'));
  const card = byRole('region', 'Speicher auf diesem Gerät');
  await d.waitFor(card);
  // The DOM types promise navigator.storage and its persisted(); older Safari and WebKitGTK may lack them.
  const persisted = await d.run(async () =>
    (navigator.storage as Partial<StorageManager> | undefined)?.persisted ? await navigator.storage.persisted() : null,
  );
  if (persisted === true) {
    await d.waitForText('Dauerhaft gespeichert', card);
    return 'safe';
  }
  await d.waitForText('Der Browser darf die Daten dieser App löschen', card);
  await d.waitForText('Eine Sicherung ist die einzige Kopie', card);
  if (persisted === null) {
    for (const step of ['„Teilen“', '„Zum Home-Bildschirm“', 'Sicherung erstellen']) await d.waitForText(step, card);
    return 'homeScreen';
  }
  await d.waitForText('Dauerhafte Speicherung anfordern', card);
  return 'persist';
}

async function confirmReason(d: Driver, comment: string, purpose?: string): Promise<void> {
  await d.waitFor(reasonDialog);
  if (purpose) await d.select(byRole('combobox', 'Verwendungszweck', reasonDialog), purpose);
  await d.fill(byRole('textbox', 'Kommentar', reasonDialog), comment);
  await d.click(byRole('button', 'Bestätigen', reasonDialog));
  await d.waitForGone(reasonDialog);
}

export async function personCreatedAndEdited(d: Driver): Promise<void> {
  await d.click(personLink);
  await d.click(byRole('button', 'Neue Person'));
  const fields = { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln', 'E-Mail': 'anna.zimmermann@example.org' };
  for (const [label, value] of Object.entries(fields)) await d.fill(byRole('textbox', label), value);
  await d.click(byRole('button', 'Speichern'));
  await confirmReason(d, 'Kunde angelegt', 'Vertraglicher Zweck');
  await d.waitForText('Gespeichert.');

  // A watched field changed: the dialog names it and asks again.
  await d.fill(byRole('textbox', 'Ort'), 'Flensburg');
  await d.click(byRole('button', 'Speichern'));
  await d.waitForText('Ort', reasonDialog);
  await confirmReason(d, 'Umzug');
  expect(await d.value(byRole('textbox', 'Ort'))).toBe('Flensburg');
}

export async function consentWithEvidence(d: Driver): Promise<void> {
  const dialog = byRole('dialog', 'Einwilligung erfassen');
  await d.click(byRole('button', 'Einwilligung erfassen'));
  await d.click(byRole('checkbox', 'Werbung', dialog));
  await d.fill(byLabel('Datum der Einwilligung', dialog), '2025-03-05');
  await d.select(byRole('combobox', 'Form der Einwilligung', dialog), 'Schriftlich');
  await d.fill(byRole('textbox', 'Text oder Version der Einwilligung', dialog), 'Werbeeinwilligung Fassung 2');
  await d.setFile(byLabel('Nachweis', dialog), {
    name: 'einwilligung.pdf',
    mimeType: 'application/pdf',
    bytes: EVIDENCE,
  });
  await d.click(byRole('checkbox', 'Ich bestätige, dass die Einwilligung erteilt wurde', dialog));
  await d.click(byRole('button', 'Einwilligung speichern', dialog));
  await d.waitForGone(dialog);
  await d.waitForText('Einwilligung gespeichert.');
  await d.waitForText('Werbeeinwilligung Fassung 2');
  await d.waitForText('einwilligung.pdf');
}

/** Auskunft as PDF and the JSON export: real files with meaningful names, read back. */
export async function accessReportAndExport(d: Driver): Promise<void> {
  const appUrl = (await d.appPage()).url;
  // The first document asks for the controller (issue 16, item 5), then is made on "Speichern und fortfahren".
  const controllerDialog = byRole('dialog', 'Verantwortlichen angeben');
  await d.click(byRole('button', 'Auskunft (PDF)'));
  const controller = {
    'Name des Verantwortlichen': 'Muster Haustechnik GmbH',
    'Straße des Verantwortlichen': 'Industriestraße 12',
    'PLZ des Verantwortlichen': '80331',
    'Ort des Verantwortlichen': 'München',
    'E-Mail des Verantwortlichen': 'datenschutz@muster-haustechnik.de',
  };
  for (const [label, value] of Object.entries(controller))
    await d.fill(byRole('textbox', label, controllerDialog), value);
  const pdf = await d.download(byRole('button', 'Speichern und fortfahren', controllerDialog));
  expect(pdf.name).toMatch(new RegExp(`^auskunft-${DATE}-[a-z0-9]{8}\\.pdf$`));
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text } = await extractText(new Uint8Array(pdf.bytes), { mergePages: true });
  expect(text.replace(/\s+/g, '')).toContain('AnnaZimmermann');

  // The app's page is still there as it was: same screen, still signed in, the message shown.
  // (Firefox, by its default "open PDFs in Firefox", also shows the file in a tab of its own.)
  expect((await d.appPage()).url).toBe(appUrl);
  await d.waitForText('heruntergeladen');
  await d.returnToApp();

  const json = await d.download(byRole('button', 'Export (JSON)'));
  expect(json.name).toMatch(new RegExp(`^datenexport-${DATE}-[a-z0-9]{8}\\.json$`));
  const doc = JSON.parse(json.bytes.toString('utf8')) as { person: Record<string, unknown> };
  expect(doc.person).toMatchObject({ firstName: 'Anna', lastName: 'Zimmermann', city: 'Flensburg' });
  await d.returnToApp();
}

export async function auditLog(d: Driver): Promise<void> {
  await d.click(byRole('link', 'Protokoll'));
  const table = byRole('table', 'Protokoll');
  for (const action of ['Angelegt', 'Geändert', 'Einwilligung erteilt', 'Auskunft erteilt', 'Datenexport erstellt'])
    await d.waitFor(byRole('cell', action, table));
  await d.click(byRole('button', 'Protokoll prüfen'));
  await d.waitForText('Protokoll unverändert');
}

/** Once the service worker controls the page, the app starts and shows its data with the server gone. */
export async function offlineReload(d: Driver, site: Site): Promise<void> {
  await d.run(async () => {
    await navigator.serviceWorker.ready;
  });
  // A first service worker controls only pages loaded after it activated.
  await d.reload();
  await poll('the service worker to control the page', async () =>
    (await d.run(() => !!navigator.serviceWorker.controller)) ? true : undefined,
  );
  await site.stop();
  await d.reload();
  await signIn(d);
  await d.click(personLink);
  await d.click(byRole('link', /^Zimmermann, Anna/));
  expect(await d.value(byRole('textbox', 'Ort'))).toBe('Flensburg');
  await d.waitForText('Werbeeinwilligung Fassung 2');
}

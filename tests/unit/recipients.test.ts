// Issue 16, item 10: recipients and processors (Art. 28) entered once, audited, listed in the Verzeichnis.
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { collectProcessingRegister, createUser, PermissionDeniedError, RuleError, signIn } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { removeRecipient, saveRecipient } from '../../src/data/commands/recipients';
import { readRecipients } from '../../src/data/queries/recipients';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { enterController, freshDb } from './helpers';
import { nodePdfFonts } from './sample-data';

const squash = (s: string) => s.replace(/\s+/g, '');
const HOSTING = {
  id: '',
  name: 'Hostinghaus GmbH',
  role: 'processor',
  country: 'Deutschland',
  contractDate: '2025-03-01',
} as const;
const TAX = {
  id: '',
  name: 'Steuerkanzlei Weber',
  role: 'recipient',
  country: 'Deutschland',
  contractDate: '',
} as const;

describe('recipients and processors', () => {
  it('are added, changed and removed, each change logged with the entry it touched', async () => {
    const { db, admin } = await freshDb();
    const hosting = await saveRecipient(db, admin, HOSTING);
    const tax = await saveRecipient(db, admin, TAX);
    expect((await readRecipients(db)).map((r) => r.name)).toEqual(['Hostinghaus GmbH', 'Steuerkanzlei Weber']);
    await saveRecipient(db, admin, { ...tax, country: ' Österreich ' });
    await removeRecipient(db, admin, hosting.id);
    expect(await readRecipients(db)).toEqual([{ ...tax, country: 'Österreich' }]);
    const log = (await db.auditLog.toArray()).filter((e) => e.context === 'settings:recipients');
    expect(log.map((e) => [e.action, e.fieldKeys])).toEqual([
      ['settingsChanged', [hosting.id]],
      ['settingsChanged', [tax.id]],
      ['settingsChanged', [tax.id]],
      ['settingsChanged', [hosting.id]],
    ]);
  });

  it('refuses an entry without a name, a bad contract date, an unknown id, and a user without the permission', async () => {
    const { db, admin } = await freshDb();
    await expect(saveRecipient(db, admin, { ...HOSTING, name: '  ' })).rejects.toMatchObject({
      messageKey: 'error.recipient.name',
    });
    await expect(saveRecipient(db, admin, { ...HOSTING, contractDate: '2025-13-45' })).rejects.toBeInstanceOf(
      RuleError,
    );
    await expect(saveRecipient(db, admin, { ...HOSTING, id: 'gone' })).rejects.toMatchObject({
      messageKey: 'error.recipient.missing',
    });
    await createUser(db, admin, {
      name: 'lea',
      staffNumber: '7',
      passphrase: 'lea passphrase',
      permissions: ['issueReports'],
    });
    const lea = await signIn(db, 'lea', 'lea passphrase');
    await expect(saveRecipient(db, lea, HOSTING)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await readRecipients(db)).toEqual([]);
  });

  it('are listed in the Verzeichnis, PDF and JSON; with sync configured its server operator too, as a processor', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await saveRecipient(db, admin, TAX);
    await saveRecipient(db, admin, { ...HOSTING, contractDate: '' });
    const pdfText = async () =>
      squash(
        (
          await extractText(
            (
              await renderProcessingRegisterPdf(await collectProcessingRegister(db, admin), 'de', nodePdfFonts())
            ).slice(),
            { mergePages: true },
          )
        ).text,
      );
    let text = await pdfText();
    expect(text).toContain(squash('3. Empfänger und Auftragsverarbeiter (Art. 28 DSGVO)'));
    expect(text).toContain(squash('Hostinghaus GmbH Auftragsverarbeiter Deutschland kein Vertrag erfasst'));
    expect(text).toContain(squash('Steuerkanzlei Weber Empfänger Deutschland'));
    expect(text).not.toContain('Sync-Server');

    await rawConnection(db).settings.put({ key: 'sync', value: { server: 'https://sync.example.org' } });
    text = await pdfText();
    expect(text).toContain(squash('Betreiber des Sync-Servers https://sync.example.org Auftragsverarbeiter'));
    const json = JSON.parse(processingRegisterJson(await collectProcessingRegister(db, admin))) as {
      recipients: { name: string; role: string }[];
      syncProcessor: { server: string } | null;
    };
    expect(json.recipients.map((r) => [r.name, r.role])).toEqual([
      ['Hostinghaus GmbH', 'processor'],
      ['Steuerkanzlei Weber', 'recipient'],
    ]);
    expect(json.syncProcessor).toEqual({ server: 'https://sync.example.org' });
  });
});

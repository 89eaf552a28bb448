// Issue 16, item 10: recipients and processors (Art. 28) entered once, audited, listed in the Verzeichnis.
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { collectProcessingRegister, createUser, PermissionDeniedError, RuleError, signIn } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { removeRecipient, saveRecipient } from '../../src/data/commands/recipients';
import { readRecipients } from '../../src/data/queries/recipients';
import { writeWith } from '../../src/data/write';
import { recipientProblems } from '../../src/domain/recipients';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { enterController, freshDb, hostingProcessor } from './helpers';
import { nodePdfFonts } from './sample-data';

const squash = (s: string) => s.replace(/\s+/g, '');
const HOSTING = hostingProcessor();
const TAX = hostingProcessor({ name: 'Steuerkanzlei Weber', role: 'recipient', contractDate: '' });
const MAILER = hostingProcessor({ name: 'Mailer Inc.', country: 'USA', contractDate: '' });

describe('a transfer to a third country names its basis (Art. 13(1)(f), 30(1)(e), 44 ff.)', () => {
  it('the domain asks for it outside the EU/EEA only, and knows no other basis', () => {
    expect(recipientProblems(MAILER)).toEqual(['transferBasis']);
    expect(recipientProblems({ ...MAILER, transferBasis: 'sccs' })).toEqual([]);
    expect(recipientProblems({ ...MAILER, country: 'Irland (Dublin)' })).toEqual([]);
    expect(recipientProblems({ ...MAILER, country: '' })).toEqual([]);
    expect(recipientProblems({ ...MAILER, country: 'DE', transferBasis: 'gut' as 'sccs' })).toEqual(['transferBasis']);
    expect(recipientProblems({ ...MAILER, transferBasis: 'bcr', safeguardsNote: 'x'.repeat(201) })).toEqual([
      'tooLong',
    ]);
  });

  it('is refused without one, stored with one, and dropped for an EU/EEA country', async () => {
    const { db, admin } = await freshDb();
    await expect(saveRecipient(db, admin, MAILER)).rejects.toMatchObject({
      messageKey: 'error.recipient.transferBasis',
    });
    expect(await readRecipients(db)).toEqual([]);
    const mailer = await saveRecipient(db, admin, { ...MAILER, transferBasis: 'sccs', safeguardsNote: ' Modul 2 ' });
    expect(mailer).toMatchObject({ transferBasis: 'sccs', safeguardsNote: 'Modul 2' });
    // Moved to the EU: no transfer, so no basis kept.
    await saveRecipient(db, admin, { ...mailer, country: 'Irland' });
    expect(await readRecipients(db)).toEqual([{ ...mailer, country: 'Irland', transferBasis: '', safeguardsNote: '' }]);
  });

  it('an entry stored before the field loads without it and stays until changed; a changed one needs it', async () => {
    const { db, admin } = await freshDb();
    const old = { id: 'old', name: 'Old Cloud Inc.', role: 'processor' as const, country: 'USA', contractDate: '' };
    await rawConnection(db).settings.put({ key: 'recipients', value: { old } });
    expect(await readRecipients(db)).toEqual([{ ...old, transferBasis: '', safeguardsNote: '', purposeIds: [] }]);
    // Another entry is added: the old one is neither refused nor logged as changed.
    const tax = await saveRecipient(db, admin, TAX);
    const log = async () =>
      (await db.auditLog.toArray()).filter((e) => e.context === 'settings:recipients').map((e) => e.fieldKeys);
    expect(await log()).toEqual([[tax.id]]);
    await expect(
      saveRecipient(db, admin, { ...old, transferBasis: '', safeguardsNote: '', purposeIds: [] }),
    ).rejects.toMatchObject({
      messageKey: 'error.recipient.transferBasis',
    });
    await saveRecipient(db, admin, { ...old, transferBasis: 'adequacy', safeguardsNote: '', purposeIds: [] });
    expect((await readRecipients(db)).find((r) => r.id === 'old')?.transferBasis).toBe('adequacy');
    expect(await log()).toEqual([[tax.id], ['old']]);
  });

  it('the settings rule checks every entry a write changes, whichever code wrote it', async () => {
    const { db, admin } = await freshDb();
    const put = (value: object) =>
      writeWith(db, { session: admin }, [db.settings], () => db.settings.put({ key: 'recipients', value }));
    await expect(put({ m: { ...MAILER, id: 'm' } })).rejects.toMatchObject({
      messageKey: 'error.recipient.transferBasis',
    });
    await expect(put({ m: { ...MAILER, id: 'm', transferBasis: 'sccs', name: ' ' } })).rejects.toMatchObject({
      messageKey: 'error.recipient.name',
    });
    expect(await readRecipients(db)).toEqual([]);
    await put({ m: { ...MAILER, id: 'm', transferBasis: 'derogation' } });
    expect((await readRecipients(db))[0].transferBasis).toBe('derogation');
  });
});

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
    expect(text).toContain(squash('Hostinghaus GmbH Auftragsverarbeiter Deutschland — kein Vertrag erfasst'));
    expect(text).toContain(squash('Steuerkanzlei Weber Empfänger Deutschland'));
    expect(text).not.toContain('Sync-Server');
    expect(text).not.toContain('Mailer');

    // A third-country processor: section 3 names the basis of the transfer (Art. 30(1)(e)).
    await saveRecipient(db, admin, { ...MAILER, transferBasis: 'sccs', safeguardsNote: 'Modul 2' });
    text = await pdfText();
    expect(text).toContain(
      squash('Mailer Inc. Auftragsverarbeiter USA Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO), Modul 2'),
    );

    await rawConnection(db).settings.put({ key: 'sync', value: { server: 'https://sync.example.org' } });
    text = await pdfText();
    expect(text).toContain(squash('Betreiber des Sync-Servers https://sync.example.org Auftragsverarbeiter'));
    const json = JSON.parse(processingRegisterJson(await collectProcessingRegister(db, admin))) as {
      recipients: { name: string; role: string; transferBasis: string }[];
      syncProcessor: { server: string; operator: unknown } | null;
    };
    expect(json.recipients.map((r) => [r.name, r.role, r.transferBasis])).toEqual([
      ['Hostinghaus GmbH', 'processor', ''],
      ['Mailer Inc.', 'processor', 'sccs'],
      ['Steuerkanzlei Weber', 'recipient', ''],
    ]);
    // No entry named its operator yet (tests/unit/syncOperator.test.ts).
    expect(json.syncProcessor).toEqual({ server: 'https://sync.example.org', operator: null });
  });
});

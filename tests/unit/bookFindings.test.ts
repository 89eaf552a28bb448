// The book's own gaps as open work for the Übersicht and the Prüfliste: a transfer to a third
// country without its basis (Art. 44 ff.), a processor without a contract (Art. 28(3)), the
// controller incomplete.
import { describe, expect, it } from 'vitest';
import { rawConnection } from '../../src/data/db';
import { saveRecipient } from '../../src/data/commands/recipients';
import { collectBookFindings } from '../../src/data/queries/bookFindings';
import { controllerFindings, recipientFindings } from '../../src/domain/bookFindings';
import type { Recipient } from '../../src/domain/recipients';
import { EMPTY_CONTROLLER } from '../../src/domain/settings';
import { enterController, freshDb, hostingProcessor } from './helpers';

const entry = (fields: Partial<Recipient>): Recipient => hostingProcessor({ id: 'r1', ...fields });

describe('recipientFindings', () => {
  it('finds a third-country entry without a transfer basis', () => {
    expect(recipientFindings([entry({ name: 'Mailer Inc.', country: 'USA' })])).toEqual([
      { kind: 'transferBasis', recipientId: 'r1', name: 'Mailer Inc.', country: 'USA' },
    ]);
    // A value no version offers is no basis either.
    expect(recipientFindings([entry({ country: 'USA', transferBasis: 'handshake' as never })])).toHaveLength(1);
  });

  it('finds nothing for an EU/EEA entry, one without a country, or a third country with its basis', () => {
    expect(recipientFindings([entry({ country: 'Irland (Dublin)' }), entry({ country: 'Norwegen' })])).toEqual([]);
    expect(recipientFindings([entry({ country: '' })])).toEqual([]);
    expect(recipientFindings([entry({ country: 'USA', transferBasis: 'sccs' })])).toEqual([]);
  });

  it('finds a processor without a contract date, never a recipient without one', () => {
    expect(recipientFindings([entry({ contractDate: '' })])).toEqual([
      { kind: 'contract', recipientId: 'r1', name: 'Hostinghaus GmbH' },
    ]);
    expect(recipientFindings([entry({ role: 'recipient', contractDate: '', name: 'Steuerkanzlei' })])).toEqual([]);
  });

  it('names both gaps of one entry, the transfer first', () => {
    expect(recipientFindings([entry({ country: 'USA', contractDate: '' })]).map((f) => f.kind)).toEqual([
      'transferBasis',
      'contract',
    ]);
  });
});

describe('controllerFindings', () => {
  it('names what the controller lacks, nothing once complete', () => {
    expect(controllerFindings(EMPTY_CONTROLLER)).toEqual([
      { kind: 'controller', missing: ['name', 'address', 'contact'] },
    ]);
    expect(
      controllerFindings({ ...EMPTY_CONTROLLER, name: 'X', street: 'S', postalCode: '1', city: 'C', phone: '1' }),
    ).toEqual([]);
  });
});

describe('collectBookFindings', () => {
  it('reads the stored controller and recipients, an entry stored before the transfer basis among them', async () => {
    const { db, admin } = await freshDb();
    expect(await collectBookFindings(db)).toEqual([{ kind: 'controller', missing: ['name', 'address', 'contact'] }]);
    await enterController(db, admin);
    // As an older version stored it: no transfer basis, no note.
    const old = { id: 'old', name: 'Old Cloud Inc.', role: 'processor', country: 'USA', contractDate: '' };
    await rawConnection(db).settings.put({ key: 'recipients', value: { old } });
    await saveRecipient(db, admin, entry({ id: '', name: 'Steuerkanzlei', role: 'recipient', contractDate: '' }));
    const hosting = await saveRecipient(db, admin, entry({ id: '', contractDate: '' }));
    expect(await collectBookFindings(db)).toEqual([
      { kind: 'contract', recipientId: hosting.id, name: 'Hostinghaus GmbH' },
      { kind: 'transferBasis', recipientId: 'old', name: 'Old Cloud Inc.', country: 'USA' },
      { kind: 'contract', recipientId: 'old', name: 'Old Cloud Inc.' },
    ]);

    // Mended through the settings: the findings go.
    await saveRecipient(db, admin, { ...hosting, contractDate: '2025-03-01' });
    await saveRecipient(db, admin, {
      ...entry({ id: 'old', name: 'Old Cloud Inc.', country: 'USA', contractDate: '2024-01-10' }),
      transferBasis: 'sccs',
    });
    expect(await collectBookFindings(db)).toEqual([]);
  });
});

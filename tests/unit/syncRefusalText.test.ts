/**
 * A held-back change's reason in the user's language (ui/sync/refusalText.ts): each refusal is a
 * message key with its values (data/sync/refusal.ts), kept beside its English reason, which stays
 * the words the log and the other tests read; the tables and permissions it names, and a value
 * check's own message, are put in the user's words. Entries kept before have the English only.
 */
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { loadLanguage, t, type Language, type MessageKey, type MessageParams } from '../../src/i18n/messages';
import { refusalText } from '../../src/ui/sync/refusalText';
import { tableName } from '../../src/ui/tableNames';
import type { Translate } from '../../src/ui/i18n';
import { reasonOf, refusal } from '../../src/data/sync/refusal';
import { purposeProblem } from '../../src/domain/purpose';
import { REPLICATED_TABLES } from '../../src/data/middleware/outbox';
import { toDoc } from '../../src/data/sync/docs';
import { applyFeed } from '../../src/data/sync/feed';
import { localPouch } from '../../src/data/sync/pouch';
import { rawConnection } from '../../src/data/db';
import { freshDb } from './helpers';

const translate = (lang: Language): Translate =>
  Object.assign((key: MessageKey, params?: MessageParams) => t(lang, key, params), { lang });
const de = translate('de');
const shown = (r: ReturnType<typeof refusal>, tr = de) => refusalText(tr, { reason: reasonOf(r), refusal: r });

describe('a refused document’s reason', () => {
  it('is kept in English as before and shown in German, its table and permissions in words', async () => {
    // [author, table, permissions needed] → English as kept, German as shown.
    const cases: [string, string, string, string, string][] = [
      [
        'editor',
        'consents',
        'deletePersons',
        'its author editor may not change consents (it needs deletePersons)',
        'sein Autor editor darf Einwilligungen nicht ändern (dafür braucht es: Personen löschen)',
      ],
      [
        'kim',
        'transactions',
        'editPersons,deletePersons',
        'its author kim may not change transactions (it needs editPersons or deletePersons)',
        'sein Autor kim darf Geschäftsvorgänge nicht ändern (dafür braucht es: Personen bearbeiten oder Personen löschen)',
      ],
      [
        'kim',
        'campaigns',
        '',
        'its author kim may not change campaigns (it needs a permission)',
        'sein Autor kim darf Werbeaktionen nicht ändern (dafür braucht es: eine Berechtigung)',
      ],
    ];
    for (const [author, table, permissions, english, german] of cases) {
      const denied = refusal('sync.refused.mayNotChange', { author, table, permissions });
      expect(reasonOf(denied)).toBe(english);
      expect(shown(denied)).toBe(german);
    }
    expect(shown(refusal('sync.refused.neverDeleted', { table: 'keyGrants' }))).toBe(
      'Schlüsselfreigaben werden nie gelöscht',
    );
    expect(shown(refusal('sync.refused.entryNoUser', { seq: '12000' }))).toBe(
      'sein Eintrag 12000 nennt keinen Benutzer',
    );
    // An older version sent again (sync/versions.ts), and one without a clock from a device that sends them.
    expect(shown(refusal('sync.refused.olderVersion'))).toBe(
      'eine ältere Fassung, erneut gesendet: hier liegt schon diese oder eine neuere',
    );
    expect(shown(refusal('sync.refused.noClock', { device: 'tablet-7' }))).toBe(
      'ohne Versionsangabe, obwohl sein Gerät tablet-7 sie mitsendet: eine ältere Fassung, erneut gesendet',
    );
    await loadLanguage('en');
    const denied = refusal('sync.refused.mayNotChange', {
      author: 'editor',
      table: 'consents',
      permissions: 'deletePersons',
    });
    expect(shown(denied, translate('en'))).toBe('its author editor may not change consents (it needs delete persons)');
  });

  it('shows a value check’s own message in the user’s language', () => {
    const problem = purposeProblem({ id: 'purpose-x' });
    expect(problem).toBeDefined();
    const invalid = refusal('sync.refused.invalidPurpose', {}, problem);
    expect(reasonOf(invalid)).toBe(`invalid purpose: ${problem!.reason}`);
    expect(shown(invalid)).toBe(
      `ungültiger Verwendungszweck: ${t('de', problem!.messageKey as MessageKey, problem!.params)}`,
    );
  });

  it('shows the English reason of an entry kept before, or of a key this version does not know', () => {
    expect(refusalText(de, { reason: 'its person is locked' })).toBe('its person is locked');
    const unknown = { key: 'sync.refused.fromANewerVersion', params: {} } as unknown as ReturnType<typeof refusal>;
    expect(refusalText(de, { reason: 'a newer reason', refusal: unknown })).toBe('a newer reason');
  });

  it('names every table sync carries in words', () => {
    for (const table of REPLICATED_TABLES) expect(tableName(de, table)).not.toBe(table);
    expect(tableName(de, 'persons')).toBe('Personen');
    expect(tableName(de, 'somethingElse')).toBe('somethingElse');
  });

  it('is stored with the quarantine entry of a document refused on arrival', async () => {
    const { db } = await freshDb();
    const author = (await rawConnection(db).users.toArray())[0].id;
    const local = await localPouch(db.name);
    await local.put(toDoc(db.keyring, { id: 'requests:r1', table: 'requests', author, device: 'dev-b' }, undefined));
    await applyFeed(db, local, 'dev-a');
    const [entry] = await readHeldBack(db);
    expect(entry).toMatchObject({ docId: 'requests:r1', type: 'requests', reason: 'requests are never deleted' });
    expect(entry.refusal).toEqual({ key: 'sync.refused.neverDeleted', params: { table: 'requests' } });
    expect(refusalText(de, entry)).toBe('Anfragen werden nie gelöscht');
    expect(tableName(de, entry.type)).toBe('Anfragen');
  });
});

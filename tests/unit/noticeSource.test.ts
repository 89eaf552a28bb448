// Art. 14(2)(f): the notice to a person whose data came from elsewhere names the source. For an
// import the book knows it — the file, the day and the reason noted with it ("Messe Düsseldorf") —
// and says so, not only "for example from an address list; on request we tell you more".
import { beforeAll, describe, expect, it } from 'vitest';
import { importPersons, savePerson } from '../../src/data';
import { collectInformationNotice } from '../../src/data/queries/information';
import { informationEmail, informationNoticeInput } from '../../src/documents/informationNotice';
import { informationOf } from '../../src/domain/information';
import { newPerson } from '../../src/domain/person';
import { formatDate } from '../../src/i18n/locale';
import { loadLanguage, t } from '../../src/i18n/messages';
import { anna, CONTRACT, enterController, freshDb } from './helpers';

beforeAll(async () => {
  await loadLanguage('en');
});

const ISSUED = '2026-12-01T10:00:00.000Z';

describe('the notice names where imported data came from', () => {
  it('the file, the day it was taken over and the reason noted with the import', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await importPersons(
      db,
      admin,
      {
        fileName: 'messe-teilnehmer.csv',
        persons: [newPerson('prospect', { private: true, firstName: 'Pia', lastName: 'Messe', city: 'Berlin' })],
      },
      { purposeId: 'purpose-advertising', comment: 'Teilnehmerliste Messe Düsseldorf 2026' },
    );
    const pia = (await db.persons.toArray()).find((p) => p.lastName === 'Messe')!;
    const data = await collectInformationNotice(db, pia.id);
    for (const lang of ['de', 'en'] as const) {
      const { body } = informationEmail(informationNoticeInput(data, lang, ISSUED));
      expect(body).toContain('messe-teilnehmer.csv');
      expect(body).toContain('Teilnehmerliste Messe Düsseldorf 2026');
      const date = formatDate(lang, informationOf(pia).collectedAt);
      expect(body).toContain(t(lang, 'info.sourceImport', { date, file: 'messe-teilnehmer.csv' }));
      expect(body).not.toContain(t(lang, 'info.source'));
    }
  });

  it('a person entered by hand from elsewhere keeps the general text; one collected from them has no source section', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const data = await collectInformationNotice(db, p.id);
    const direct = informationEmail(informationNoticeInput(data, 'de', ISSUED)).body;
    expect(direct).not.toContain(t('de', 'info.section.source'));
    const elsewhere = informationEmail({ ...informationNoticeInput(data, 'de', ISSUED), source: 'elsewhere' }).body;
    expect(elsewhere).toContain(t('de', 'info.source'));
  });
});

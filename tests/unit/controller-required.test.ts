// Issue 16, item 5: no document without a controller — the data layer and the documents layer refuse.
import { describe, expect, it } from 'vitest';
import { collectProcessingRegister, recordRegisterIssued, savePerson, updateController } from '../../src/data';
import { createCampaign } from '../../src/data/commands/campaigns';
import { collectCampaignLetters } from '../../src/data/queries/campaigns';
import { collectAccessReport } from '../../src/data/queries/reports';
import { renderAccessReport } from '../../src/documents/accessReport';
import { renderConsentLetters } from '../../src/documents/consentLetters';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { ControllerMissingError, controllerGaps, EMPTY_CONTROLLER } from '../../src/domain/settings';
import { anna, CONTRACT, freshDb } from './helpers';
import { accessReportInput, CONTROLLER, nodePdfFonts } from './sample-data';

describe('controllerGaps', () => {
  it('names what a document needs: a name, a full address, an e-mail or a phone; the DPO only if any', () => {
    expect(controllerGaps(EMPTY_CONTROLLER)).toEqual(['name', 'address', 'contact']);
    expect(controllerGaps({ ...CONTROLLER, city: ' ' })).toEqual(['address']);
    expect(controllerGaps({ ...CONTROLLER, email: '', phone: '' })).toEqual(['contact']);
    expect(controllerGaps({ ...CONTROLLER, email: '' })).toEqual([]);
    expect(controllerGaps({ ...CONTROLLER, dataProtectionOfficer: '', country: '' })).toEqual([]);
  });
});

describe('no document without a controller', () => {
  it('the data layer refuses the Auskunft, the letters and the issue of the register, naming what is missing', async () => {
    const { db, admin } = await freshDb();
    const person = await savePerson(db, admin, anna(), CONTRACT);
    const { campaign } = await createCampaign(db, admin, {
      name: 'Newsletter',
      purposeIds: ['purpose-advertising'],
      personIds: [person.id],
    });
    await updateController(db, admin, { ...EMPTY_CONTROLLER, name: 'Muster GmbH' });
    const refused = async (p: Promise<unknown>) => {
      const error = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ControllerMissingError);
      expect((error as ControllerMissingError).missing).toEqual(['address', 'contact']);
    };
    await refused(collectAccessReport(db, admin, person.id));
    await refused(collectCampaignLetters(db, admin, campaign.id));
    await refused(recordRegisterIssued(db, admin, 'pdf'));
    // The register's screen still shows what it has, so the controller can be completed there.
    const register = await collectProcessingRegister(db, admin);
    expect(register.controller.name).toBe('Muster GmbH');
    expect(() => processingRegisterJson(register)).toThrow(ControllerMissingError);
    await expect(renderProcessingRegisterPdf(register, 'de', nodePdfFonts())).rejects.toBeInstanceOf(
      ControllerMissingError,
    );

    await updateController(db, admin, CONTROLLER);
    expect((await collectAccessReport(db, admin, person.id)).controller.name).toBe(CONTROLLER.name);
    expect((await collectCampaignLetters(db, admin, campaign.id)).persons).toHaveLength(1);
    await recordRegisterIssued(db, admin, 'json');
    const json = JSON.parse(processingRegisterJson(await collectProcessingRegister(db, admin))) as {
      controller: { name: string };
    };
    expect(json.controller.name).toBe(CONTROLLER.name);
  });

  it('the documents layer refuses a letter with an empty controller', async () => {
    const fonts = nodePdfFonts();
    await expect(
      renderAccessReport(accessReportInput('Anna', 'Zimmermann', { controller: EMPTY_CONTROLLER }), fonts),
    ).rejects.toBeInstanceOf(ControllerMissingError);
    await expect(
      renderConsentLetters(
        {
          lang: 'de',
          issuedAt: '2026-01-01T00:00:00.000Z',
          controller: { ...CONTROLLER, name: '' },
          campaignId: 'c',
          purposes: [],
          persons: [],
        },
        fonts,
      ),
    ).rejects.toBeInstanceOf(ControllerMissingError);
  });
});

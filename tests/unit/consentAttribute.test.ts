/** The consent attribute's name (issue 16, item 8): a setting with a control, bounded, logged. */
import { describe, expect, it } from 'vitest';
import { readPrivacySettings, updatePrivacySettings } from '../../src/data';
import { CONSENT_ATTRIBUTE_MAX_LENGTH } from '../../src/domain/settings';
import { freshDb } from './helpers';

describe('consent attribute name', () => {
  it('is stored and logged; a name longer than a heading allows is refused by name', async () => {
    const { db, admin } = await freshDb();
    await updatePrivacySettings(db, admin, { consentAttributeName: 'Einwilligungserklärung' });
    expect((await readPrivacySettings(db)).consentAttributeName).toBe('Einwilligungserklärung');
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'settingsChanged',
      fieldKeys: ['consentAttributeName'],
    });
    await expect(
      updatePrivacySettings(db, admin, { consentAttributeName: 'x'.repeat(CONSENT_ATTRIBUTE_MAX_LENGTH + 1) }),
    ).rejects.toMatchObject({
      messageKey: 'error.consentAttributeName',
      params: { max: CONSENT_ATTRIBUTE_MAX_LENGTH },
    });
    expect((await readPrivacySettings(db)).consentAttributeName).toBe('Einwilligungserklärung');
  });
});

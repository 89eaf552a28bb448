/**
 * A purpose on Art. 6(1)(f) names its legitimate interest: the purpose form asks for it only for
 * basis f, and requires it there; the list states it. A purpose stored before the field existed is
 * marked in the list and named on the Übersicht, whose link opens the purpose to complete it.
 */
import { describe, expect as check, it } from 'vitest';
import { legacyPurpose } from '../legacyPurpose';
import { expect, openSection, rawTable, resize, screenshot, setUpAdministrator, signIn, useBrowser } from './helpers';

const browser = useBrowser();

const INTEREST = 'Werbung für eigene ähnliche Produkte bei Bestandskunden; sie erwarten sie (ErwG 47).';

describe('a purpose’s legitimate interest', () => {
  it('is asked for and required with basis f only, and stated in the list', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await openSection(page, 'Einstellungen');
    const purposes = page.getByRole('region', { name: 'Verwendungszwecke' });
    // The seeded purpose on f comes with its interest.
    await expect(purposes.getByRole('listitem').filter({ hasText: 'Allgemein zugängliche Daten' })).toContainText(
      'Berechtigtes Interesse: Pflege geschäftlicher Kontakte',
    );

    const form = page.getByRole('form', { name: 'Neuer Verwendungszweck' });
    const interest = form.getByRole('textbox', { name: 'Berechtigtes Interesse' });
    await form.getByRole('textbox', { name: 'Bezeichnung' }).fill('Bestandskundenwerbung');
    await expect(interest).toHaveCount(0);
    await form.getByRole('combobox', { name: 'Rechtsgrundlage' }).selectOption({
      label: 'Art. 6 Abs. 1 lit. f DSGVO – berechtigtes Interesse',
    });
    await expect(interest).toBeVisible();
    await expect(interest).toHaveAttribute('aria-required', 'true');
    check(await interest.evaluate((el) => el.getAttribute('aria-describedby'))).toBeTruthy();
    await expect(form).toContainText('Welches Interesse verfolgen Sie, und warum überwiegt es');

    // Without it, the form is not sent: nothing added.
    await form.getByRole('button', { name: 'Zweck hinzufügen' }).click();
    check(await interest.evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
    await expect(purposes.getByRole('listitem').filter({ hasText: 'Bestandskundenwerbung' })).toHaveCount(0);

    await interest.fill(INTEREST);
    await interest.scrollIntoViewIfNeeded();
    await screenshot(page, 'purpose-interest-form-1024');
    await resize(page, { width: 390, height: 844 });
    await interest.scrollIntoViewIfNeeded();
    await screenshot(page, 'purpose-interest-form-390');
    await resize(page, { width: 1024, height: 768 });

    await form.getByRole('button', { name: 'Zweck hinzufügen' }).click();
    await expect(form.getByRole('status')).toContainText('Zweck „Bestandskundenwerbung“ hinzugefügt.');
    const added = purposes.getByRole('listitem').filter({ hasText: 'Bestandskundenwerbung' });
    await expect(added).toContainText(`Berechtigtes Interesse: ${INTEREST}`);
    // Another basis again: the field goes.
    await form.getByRole('combobox', { name: 'Rechtsgrundlage' }).selectOption({
      label: 'Art. 6 Abs. 1 lit. b DSGVO – Vertrag',
    });
    await expect(interest).toHaveCount(0);

    // The Verzeichnis screen states it for each activity on f.
    await openSection(page, 'Verzeichnis');
    const activity = page.getByRole('region', { name: /Bestandskundenwerbung/ });
    await expect(activity).toContainText(`Berechtigtes Interesse ${INTEREST}`);
    await expect(page.getByRole('region', { name: /Allgemein zugängliche Daten/ })).toContainText(
      'Berechtigtes Interesse Pflege geschäftlicher Kontakte',
    );
    await activity.scrollIntoViewIfNeeded();
    await screenshot(page, 'purpose-interest-register-1024');
  });

  it('of a purpose stored before the field is marked, named on the Übersicht, and completed from there', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // As a version before the field stored it (a purpose is kept in plain).
    await rawTable(page, 'purposes').put(legacyPurpose());
    // Read as the book opens (the app keeps the purposes it read).
    await page.reload();
    await signIn(page);
    await openSection(page, 'Einstellungen');
    const row = page
      .getByRole('region', { name: 'Verwendungszwecke' })
      .getByRole('listitem')
      .filter({ hasText: 'Messekontakte' });
    await expect(row).toContainText('Berechtigtes Interesse noch nicht angegeben');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'purpose-interest-missing-1024');

    await openSection(page, 'Übersicht');
    const card = page.getByRole('region', { name: /^Zu prüfen: Verantwortlicher, Empfänger/ });
    const finding = card.getByRole('link', { name: /^„Messekontakte“: berechtigtes Interesse noch nicht angegeben/ });
    await expect(finding).toBeVisible();
    await finding.scrollIntoViewIfNeeded();
    await screenshot(page, 'purpose-interest-finding-1024');
    await finding.click();

    const dialog = page.getByRole('dialog', {
      name: 'Berechtigtes Interesse, Aufbewahrung und Empfänger: Messekontakte',
    });
    const interest = dialog.getByRole('textbox', { name: 'Berechtigtes Interesse' });
    await expect(interest).toBeFocused();
    await interest.fill('Kontaktpflege mit Besuchern unseres Messestands, die uns ihre Karte gaben.');
    await resize(page, { width: 390, height: 844 });
    await screenshot(page, 'purpose-interest-dialog-390');
    await resize(page, { width: 1024, height: 768 });
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Berechtigtes Interesse: Kontaktpflege mit Besuchern unseres Messestands');

    await openSection(page, 'Übersicht');
    await expect(finding).toHaveCount(0);
    // Logged as a change of the purpose, by the field's label.
    await openSection(page, 'Protokoll');
    const logged = page.getByRole('table', { name: 'Protokoll' }).getByRole('row').filter({ hasText: 'Messekontakte' });
    await expect(logged.first()).toContainText('Berechtigtes Interesse');
  });
});

/**
 * The purposes reference list (Einstellungen → Verwendungszwecke): a purpose added with the form
 * at the foot of the list is listed with its lawful basis, and the form says so — or why not —
 * beside its button, where the user is, not at the section's head above the list.
 */
import { describe, expect as check, it } from 'vitest';
import { expect, openSection, screenshot, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

describe('purposes', () => {
  it('adds a purpose, confirmed beside the button; a name taken is refused where it was typed', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await openSection(page, 'Einstellungen');
    const form = page.getByRole('form', { name: 'Neuer Verwendungszweck' });
    const name = form.getByRole('textbox', { name: 'Bezeichnung' });
    await name.fill('Newsletter');
    await form.getByRole('combobox', { name: 'Rechtsgrundlage' }).selectOption({
      label: 'Art. 6 Abs. 1 lit. a DSGVO – Einwilligung',
    });
    // Consent as the basis: the purpose requires consent, and that cannot be unticked.
    const consent = form.getByRole('checkbox', { name: 'Erfordert Einwilligung' });
    check(await consent.isChecked()).toBe(true);
    check(await consent.isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Zweck hinzufügen' }).click();

    const added = form.getByRole('status').filter({ hasText: 'Zweck „Newsletter“ hinzugefügt.' });
    await expect(added).toBeVisible();
    await expect(added).toBeInViewport();
    await expect(name).toHaveValue('');
    const listed = page
      .getByRole('region', { name: 'Verwendungszwecke' })
      .getByRole('listitem')
      .filter({ hasText: 'Newsletter' });
    await expect(listed).toContainText('Art. 6 Abs. 1 lit. a DSGVO – Einwilligung');
    await expect(listed).toContainText('Einwilligung erforderlich');
    await screenshot(page, 'purpose-added');

    // The same name again: refused, said beside the button, the typed name kept to correct.
    await name.fill('Newsletter');
    await form.getByRole('button', { name: 'Zweck hinzufügen' }).click();
    const refused = form.getByRole('alert');
    await expect(refused).toContainText('Einen Verwendungszweck mit dieser Bezeichnung gibt es schon.');
    await expect(refused).toBeInViewport();
    await expect(added).toHaveCount(0);
    await expect(name).toHaveValue('Newsletter');
    await expect(listed).toHaveCount(1);

    // Renamed to a name another purpose has: refused in its row, the form open with what was typed.
    await listed.getByRole('button', { name: '„Newsletter“ umbenennen' }).click();
    const purposes = page.getByRole('region', { name: 'Verwendungszwecke' });
    const newName = purposes.getByRole('textbox', { name: 'Neuer Name' });
    const renaming = purposes.getByRole('listitem').filter({ has: page.getByRole('textbox', { name: 'Neuer Name' }) });
    await newName.fill('Vertraglicher Zweck');
    await renaming.getByRole('button', { name: 'Übernehmen' }).click();
    await expect(renaming.getByRole('alert')).toContainText('gibt es schon');
    await expect(newName).toHaveValue('Vertraglicher Zweck');
    await screenshot(page, 'purpose-rename-refused');
    // Corrected, it is taken and the row says no more.
    await newName.fill('Newsletter (Kunden)');
    await renaming.getByRole('button', { name: 'Übernehmen' }).click();
    const renamed = purposes.getByRole('listitem').filter({ hasText: 'Newsletter (Kunden)' });
    await expect(renamed.getByRole('button', { name: '„Newsletter (Kunden)“ umbenennen' })).toBeVisible();
    await expect(renamed.getByRole('alert')).toHaveCount(0);

    // Its retention and its own recipients changed after it was created (a DPO could not before).
    await renamed.getByRole('button', { name: 'Aufbewahrung und Empfänger von „Newsletter (Kunden)“' }).click();
    const details = page.getByRole('dialog', { name: 'Aufbewahrung und Empfänger: Newsletter (Kunden)' });
    await details.getByRole('spinbutton', { name: 'Aufbewahrung (Jahre)' }).fill('-1');
    await details.getByRole('button', { name: 'Speichern' }).click();
    await expect(details.getByRole('alert')).toContainText('ganze Zahl von Jahren ab 0');
    await details.getByRole('spinbutton', { name: 'Aufbewahrung (Jahre)' }).fill('3');
    await details.getByRole('textbox', { name: 'Grundlage der Aufbewahrung' }).fill('Nachweis der Einwilligung');
    await details.getByRole('textbox', { name: 'Empfänger für diesen Zweck' }).fill('Lettershop Nord GmbH');
    await screenshot(page, 'purpose-details');
    await details.getByRole('button', { name: 'Speichern' }).click();
    await expect(details).toBeHidden();
    await expect(renamed.getByRole('status')).toContainText('gespeichert');
    await expect(renamed).toContainText('3 Jahre');
    await expect(renamed).toContainText('Empfänger: Lettershop Nord GmbH');
    // Logged as a change of the purpose.
    await openSection(page, 'Protokoll');
    // The new-purpose form still holds the name refused above: leaving asks first.
    await page
      .getByRole('alertdialog', { name: 'Änderungen verwerfen?' })
      .getByRole('button', { name: 'Verwerfen' })
      .click();
    const logged = page.getByRole('table', { name: 'Protokoll' }).getByRole('row').filter({ hasText: 'Empfänger' });
    await expect(logged.first()).toContainText('Newsletter (Kunden)');
  });
});

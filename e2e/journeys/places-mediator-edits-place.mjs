import { signInStaff } from '../lib/sign-in.mjs';

// The demo mediator of France Services de Villeurbanne corrects their place's phone number.

export default {
  name: 'places: a mediator updates the place of their structure',
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.mediator);

    await visit('/espace/france-services-villeurbanne/lieux');
    await click(page.getByRole('link', { name: /France services Pimms Médiation de Villeurbanne : modifier/ }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Modifier/ }));

    await page.getByLabel('Code postal').fill('691');
    await click(page.getByRole('button', { name: 'Enregistrer' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await expect.equal(await page.getByLabel('Code postal').inputValue(), '691', 'the postcode typed');

    await page.getByLabel('Code postal').fill('69100');
    await page.getByRole('textbox', { name: /^Téléphone/ }).fill('04 78 00 00 01');
    await click(page.getByRole('button', { name: 'Enregistrer' }));
    await expect.text(page.getByRole('status').first(), /Vos changements sont enregistrés/);

    await click(page.getByRole('link', { name: 'Voir la page publique' }));
    await expect.visible(page.getByRole('link', { name: '04 78 00 00 01' }));
  },
};

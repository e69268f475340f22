// A citizen chooses to be told by e-mail and SMS, and asks for the code that
// confirms their phone.
export default {
  name: 'notify: a citizen chooses SMS and asks for the phone code',
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await click(page.getByRole('link', { name: /Comment nous vous prévenons/ }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Mes notifications' }));

    await page.getByLabel('Par e-mail et par SMS').check();
    await click(page.getByRole('button', { name: 'Enregistrer mes choix' }));
    await expect.text(page.getByRole('status').first(), /Vos choix sont enregistrés/);

    // A fixed line cannot get SMS: the error says so beside the field.
    await page.getByLabel('Numéro de téléphone portable').fill('01 23 45 67 89');
    await click(page.getByRole('button', { name: 'Recevoir un code par SMS' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));

    await page.getByLabel('Numéro de téléphone portable').fill('06 12 34 56 78');
    await click(page.getByRole('button', { name: 'Recevoir un code par SMS' }));
    await expect.text(page.getByRole('status').first(), /envoyé un code par SMS/);
    await expect.visible(page.getByLabel(/Code reçu au/));
  },
};

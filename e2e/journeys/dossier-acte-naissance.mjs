// A person orders a birth certificate online: a required answer forgotten is reported with
// the other answers kept, then the dossier is sent and listed in "Mes démarches".
export default {
  name: 'dossier: acte-naissance with a forgotten answer',
  timeout: 300_000,
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await visit('/demarches/acte-naissance/commencer');
    await page.getByLabel('Pour moi').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    // The first name forgotten: the error, and the name kept.
    await page.getByLabel(/Son nom de naissance/).fill('Martin');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await expect.visible(page.getByRole('alert'));
    await expect.equal(await page.getByLabel(/Son nom de naissance/).inputValue(), 'Martin', 'name kept');
    await page.getByLabel(/Ses prénoms/).fill('Camille Louise');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Jour').fill('27');
    await page.getByLabel('Mois').fill('3');
    await page.getByLabel('Année').fill('1985');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Un extrait avec le nom des parents').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel(/Combien d'exemplaires/).fill('2');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Numéro et rue').fill('12 rue de la République');
    await page.getByLabel('Code postal').fill('69100');
    await page.getByLabel('Commune').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Votre adresse e-mail').fill(me.email);
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(/\/recu$/);
    const ref = (await page.locator('.reference').first().textContent()).trim();
    await visit('/mes-demarches');
    await expect.visible(page.getByText(ref));
  },
};

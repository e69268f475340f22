// Dites-le-nous une fois: the tax income comes pre-filled from the DGFiP,
// with the person's consent; they confirm it; the pre-filling shows in
// « Qui a utilisé mes données »; their profile shows where each item
// came from, and they correct their phone number there.
export default {
  name: 'tell us once: a pre-filled form confirmed, the profile and the access log',
  timeout: 180_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));

    await visit('/demarches/prime-naissance/commencer');
    const dossier = new URL(page.url()).pathname.replace(/\/etape\/\d+$/, '');
    await visit(`${dossier}/etape/5`);
    await expect.equal(await page.getByLabel(/Combien votre foyer/).inputValue(), '28450', 'income from the DGFiP');
    await expect.text(page.getByRole('main'), /Déjà connu, vérifiez : transmis par la DGFiP/);
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await expect.path(`${dossier}/etape/6`);
    // The draft is left for another day: deleted, so that the next start is fresh.
    await visit(dossier);
    await click(page.getByRole('button', { name: 'Supprimer ce brouillon' }));

    await visit('/compte/acces');
    await expect.text(page.getByRole('table'), /revenu fiscal de référence/);

    await visit('/compte/profil');
    await expect.text(page.getByRole('main'), /transmis par la CAF le/);
    await click(page.getByRole('link', { name: /Modifier : Téléphone/ }));
    await page.getByLabel('Numéro de téléphone').fill('12');
    await click(page.getByRole('button', { name: 'Enregistrer' }));
    await expect.visible(page.getByRole('alert'));
    await page.getByLabel('Numéro de téléphone').fill('07 98 76 54 32');
    await click(page.getByRole('button', { name: 'Enregistrer' }));
    await expect.path('/compte/profil');
    await expect.text(page.getByRole('main'), /07 98 76 54 32/);

    await visit('/compte/consentements');
    await expect.text(page.getByRole('main'), /revenu fiscal de référence, transmis par la DGFiP/);
  },
};

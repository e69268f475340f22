// A parent enrols two children at school online: a repeatable block (add, remove), a
// condition (another school asks why), several choices, an address, then the receipt.
export default {
  name: 'dossier: inscription-ecole with a repeatable block and a condition',
  timeout: 300_000,
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await visit('/demarches/inscription-ecole');
    await click(page.getByRole('link', { name: 'Faire la démarche en ligne' }));
    await expect.path(/\/etape\/1$/);

    await click(page.getByRole('button', { name: 'Ajouter un enfant' }));
    await click(page.getByRole('button', { name: 'Ajouter un enfant' }));
    await expect.visible(page.getByRole('group', { name: 'Enfant 2' }));
    await click(page.getByRole('button', { name: /Retirer.*Enfant 2/ }));
    await expect.hidden(page.getByRole('group', { name: 'Enfant 2' }));
    const child = page.getByRole('group', { name: 'Enfant 1' });
    await child.getByLabel(/Prénom/).fill('Léa');
    await child.getByLabel(/^Nom/).fill('Martin');
    await child.getByLabel('Jour').fill('3');
    await child.getByLabel('Mois').fill('9');
    await child.getByLabel('Année').fill('2021');
    await child.getByLabel('Moyenne section').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));

    // The condition: another school asks why.
    await page.getByLabel('Oui').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel(/Pourquoi voulez-vous/).fill('Son frère va déjà dans cette école.');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));

    await page.getByLabel('Oui').check();
    await page.getByLabel('Le soir après l\'école').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Numéro et rue').fill('12 rue de la République');
    await page.getByLabel('Code postal').fill('69100');
    await page.getByLabel('Commune').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    // The family quotient: optional, pre-filled from the CAF when the person allowed it.
    await expect.visible(page.getByLabel(/Votre quotient familial/));
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Votre adresse e-mail').fill(me.email);
    await page.getByLabel(/Votre numéro de téléphone/).fill('06 12 34 56 78');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));

    await expect.visible(page.getByRole('heading', { name: 'Vérifiez vos réponses' }));
    await expect.visible(page.getByText('Son frère va déjà dans cette école.'));
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(/\/recu$/);
    await expect.visible(page.getByRole('heading', { name: 'Dossier envoyé' }));
  },
};

import { signInStaff } from '../lib/sign-in.mjs';

// Issue 12, a person without an account nor e-mail: a mediator of France
// Services de Villeurbanne records a mandate from the identity card of
// Moussa Traoré, domiciles him at the structure (which gives him a record
// without login), acts for him and sends his birth certificate request. A
// procedure outside the mandate is refused at its direct address; his
// receipt is read in the structure's inbox for him; once the structure
// ends the mandate, the next action is refused by the server (403).

export default {
  name: 'mediation: a mediator acts under a mandate for a person without an account, domiciled at the structure',
  timeout: 300_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.mediator);

    await visit('/espace/france-services-villeurbanne/mandats/nouveau');
    await page.getByLabel("Avec une pièce d'identité que j'ai vue").check();
    await page.getByLabel('Prénom et nom de la personne').fill('Moussa Traoré');
    await page.getByLabel("Pièce d'identité", { exact: true }).selectOption('passeport');
    await page.getByLabel('Les 4 derniers caractères du numéro de la pièce').fill('7K3P');
    await page.getByLabel('Papiers et citoyenneté').check();
    await page.getByLabel('1 jour', { exact: true }).check();
    await page.getByLabel('La personne a lu ce texte et donne son accord.').check();
    await click(page.getByRole('button', { name: 'Enregistrer le mandat' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Attestation de mandat/ }));
    const mandatePath = new URL(page.url()).pathname;

    // No account: domiciled first, with the structure's address.
    await expect.visible(page.getByText(/Moussa Traoré n'a pas de compte Guichet/));
    await page.getByLabel('Adresse postale de la structure').fill('12 rue Jean Jaurès\n69100 Villeurbanne');
    await click(page.getByRole('button', { name: 'Domicilier Moussa Traoré à la structure' }));
    await expect.text(page.getByRole('status').first(), /La domiciliation est enregistrée/);
    await expect.visible(page.getByText(/Chez France Services de Villeurbanne/));

    await click(page.getByRole('button', { name: 'Agir pour Moussa Traoré' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Les démarches de Moussa Traoré' }));
    await expect.visible(page.getByText('Vous agissez pour Moussa Traoré').first());

    await visit('/demarches/acte-naissance');
    await click(page.getByRole('link', { name: 'Faire la démarche en ligne' }));
    await page.getByLabel('Pour moi').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel(/Son nom de naissance/).fill('Traoré');
    await page.getByLabel(/Ses prénoms/).fill('Moussa');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Jour').fill('4');
    await page.getByLabel('Mois').fill('11');
    await page.getByLabel('Année').fill('1979');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Un extrait avec le nom des parents').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel(/Combien d'exemplaires/).fill('1');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Numéro et rue').fill('12 rue Jean Jaurès');
    await page.getByLabel('Code postal').fill('69100');
    await page.getByLabel('Commune').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Votre adresse e-mail').fill(accounts.mediator.email);
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(/\/recu$/);

    const outside = await visit('/demarches/inscription-ecole/commencer');
    await expect.equal(outside.status(), 403, 'a procedure outside the mandate');

    // His receipt, sent by a background job, reaches the structure's inbox.
    await visit('/espace/france-services-villeurbanne/domiciliations');
    await click(page.getByRole('link', { name: /Moussa Traoré/ }).first());
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Messages reçus pour Moussa Traoré' }));
    for (let i = 0; i < 10 && !(await page.getByText(/est bien reçue/).first().isVisible()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await visit(new URL(page.url()).pathname);
    }
    await expect.visible(page.getByText(/est bien reçue/).first());

    // The structure ends the mandate: the next action is refused.
    await visit(mandatePath);
    await click(page.getByRole('button', { name: 'Arrêter ce mandat' }));
    await expect.text(page.getByRole('status').first(), /Le mandat est arrêté/);
    const refused = await visit('/mes-demarches');
    await expect.equal(refused.status(), 403, 'acting after the revocation');
    await click(page.getByRole('button', { name: "Arrêter d'agir pour Moussa Traoré" }));
    await expect.text(page.getByRole('status').first(), /Vous n'agissez plus pour personne/);
  },
};

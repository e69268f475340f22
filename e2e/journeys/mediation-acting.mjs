import { signInStaff } from '../lib/sign-in.mjs';

// Issue 12's journey: a mediator of France Services de Villeurbanne records
// a mandate with Camille Martin present, acts for her and sends her birth
// certificate request; a procedure outside the mandate is refused. Camille
// sees in her account what the structure did and ends the mandate; the
// mediator's next action is refused by the server (403), with the banner
// that lets them stop acting for her.

export default {
  name: 'mediation: a mediator acts for a person under a mandate until she ends it',
  timeout: 300_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    const me = accounts.citizen;
    await signInStaff(helpers, accounts.mediator);

    await visit('/espace/france-services-villeurbanne/mandats/nouveau');
    await page.getByLabel('Avec son compte Guichet (son adresse e-mail)').check();
    await page.getByLabel('Adresse e-mail de son compte').fill(me.email);
    await page.getByLabel('Papiers et citoyenneté').check();
    await page.getByLabel('1 jour', { exact: true }).check();
    await page.getByLabel('La personne a lu ce texte et donne son accord.').check();
    await click(page.getByRole('button', { name: 'Enregistrer le mandat' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Attestation de mandat/ }));

    await click(page.getByRole('button', { name: 'Agir pour Camille Martin' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Les démarches de Camille Martin' }));
    await expect.visible(page.getByText('Vous agissez pour Camille Martin').first());

    await visit('/demarches/acte-naissance');
    await click(page.getByRole('link', { name: 'Faire la démarche en ligne' }));
    await expect.visible(page.getByText('Vous agissez pour Camille Martin').first());
    await page.getByLabel('Pour moi').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel(/Son nom de naissance/).fill('Martin');
    await page.getByLabel(/Ses prénoms/).fill('Camille');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Jour').fill('27');
    await page.getByLabel('Mois').fill('3');
    await page.getByLabel('Année').fill('1985');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Un extrait avec le nom des parents').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel(/Combien d'exemplaires/).fill('1');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Numéro et rue').fill('12 rue Michel Servet');
    await page.getByLabel('Code postal').fill('69100');
    await page.getByLabel('Commune').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Votre adresse e-mail').fill(me.email);
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(/\/recu$/);

    // School is "famille": outside this mandate, refused at the direct address.
    const outside = await visit('/demarches/inscription-ecole/commencer');
    await expect.equal(outside.status(), 403, 'a procedure outside the mandate');
    await expect.visible(page.getByText(/ne couvre pas le domaine « Famille »/));

    // The mediator's session stays; Camille signs in beside it.
    const context = page.context();
    const mediatorCookies = await context.cookies();
    await context.clearCookies();
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await visit('/compte/mandats');
    await expect.visible(page.getByText(/Dossier envoyé : Demander un acte de naissance/).first());
    await click(page.getByRole('button', { name: /Arrêter ce mandat/ }).first());
    await expect.text(page.getByRole('status').first(), /Le mandat est arrêté/);
    await click(page.getByRole('button', { name: 'Se déconnecter' }));

    // Back to the mediator: the next action is refused by the server.
    await context.clearCookies();
    await context.addCookies(mediatorCookies);
    const refused = await visit('/mes-demarches');
    await expect.equal(refused.status(), 403, 'acting after the revocation');
    await expect.visible(page.getByText(/Le mandat de Camille Martin a été arrêté/).first());
    await click(page.getByRole('button', { name: "Arrêter d'agir pour Camille Martin" }));
    await expect.text(page.getByRole('status').first(), /Vous n'agissez plus pour personne/);
  },
};

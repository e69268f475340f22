import { signInStaff } from '../lib/sign-in.mjs';

// A mediator of France Services de Villeurbanne records a mandate with
// Camille Martin present, prints its attestation and checks it through its
// link; Camille then sees the mandate in her account and ends it, and the
// check page says so.

export default {
  name: 'mediation: a mediator records a mandate, the person sees it and ends it',
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.mediator);

    await visit('/espace/france-services-villeurbanne');
    await click(page.getByRole('link', { name: /Les mandats que des personnes ont donnés/ }));
    await click(page.getByRole('link', { name: 'Créer un mandat avec une personne présente' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Nouveau mandat' }));

    // Nothing filled in: every problem at once.
    await click(page.getByRole('button', { name: 'Enregistrer le mandat' }));
    await expect.visible(page.getByRole('heading', { name: /Il y a \d+ problèmes/ }));

    await page.getByLabel('Avec son compte Guichet (son adresse e-mail)').check();
    await page.getByLabel('Adresse e-mail de son compte').fill(accounts.citizen.email);
    await page.getByLabel('Papiers et citoyenneté').check();
    await page.getByLabel('Logement').check();
    await page.getByLabel('1 mois (31 jours)').check();
    await page.getByLabel('La personne a lu ce texte et donne son accord.').check();
    await click(page.getByRole('button', { name: 'Enregistrer le mandat' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Attestation de mandat/ }));
    await expect.text(page.getByRole('status').first(), /Le mandat est enregistré/);

    await click(page.getByRole('link', { name: /\/mandats\/verifier\?m=/ }));
    await expect.text(page.getByRole('status').first(), /Ce mandat est valide/);
    const checkURL = page.url();

    await visit('/espace');
    await click(page.getByRole('button', { name: 'Se déconnecter' }));

    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await click(page.getByRole('link', { name: /Les structures d'aide qui peuvent faire des démarches pour vous/ }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Mes mandats' }));
    await click(page.getByRole('button', { name: /Arrêter ce mandat/ }).first());
    await expect.text(page.getByRole('status').first(), /Le mandat est arrêté/);

    const u = new URL(checkURL);
    await visit(u.pathname + u.search);
    await expect.text(page.getByRole('status').first(), /Ce mandat est révoqué/);
  },
};

import { signInStaff } from '../lib/sign-in.mjs';

// The demo mediator writes an activity report after an accompaniment, on
// one short page with its presets, then reads the structure's statistics.

export default {
  name: 'activity: a mediator records an activity report and sees the statistics',
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.mediator);

    await visit('/espace/france-services-villeurbanne');
    await click(page.getByRole('link', { name: 'Écrire un compte rendu après un accompagnement' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: "Compte rendu d'activité" }));

    // Nothing ticked: the form says what is missing and keeps the day.
    await click(page.getByRole('button', { name: 'Enregistrer le compte rendu' }));
    await expect.visible(page.getByRole('heading', { name: /Il y a \d+ problèmes?/ }));

    await page.getByLabel('Courriels').check();
    await page.getByLabel('Démarche : Famille').check();
    await page.getByLabel('45 min').check();
    await page.getByLabel('Seule, sans aide').check();
    await page.getByLabel('Personne orientée vers').selectOption({ label: 'La CAF' });
    await click(page.getByRole('button', { name: 'Enregistrer le compte rendu' }));
    await expect.text(page.getByRole('status').first(), /Compte rendu enregistré/);

    await click(page.getByRole('link', { name: 'Voir les statistiques' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /L'activité/ }));
    await expect.visible(page.getByRole('img', { name: 'Comptes rendus par mois' }));
    await expect.visible(page.getByRole('table', { name: 'Comptes rendus par médiateur' }));
    await expect.visible(page.getByRole('cell', { name: 'Karim Benali' }).or(page.getByRole('rowheader', { name: 'Karim Benali' })));
    await click(page.getByRole('link', { name: '3 derniers mois' }));
    await expect.visible(page.getByRole('link', { name: /Télécharger ces chiffres/ }));
  },
};

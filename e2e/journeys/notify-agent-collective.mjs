import { signInStaff } from '../lib/sign-in.mjs';

// A CAF agent sends an SMS to a list with a bad line: the good lines are
// counted, priced and previewed, the bad one listed, then the send starts.
const file = [
  'telephone;prenom',
  '06 12 34 56 78;Zoé',
  '12;Léo',
  '07 98 76 54 32;Max',
].join('\n');

export default {
  name: 'notify: an agent sends an SMS to a list with a bad line',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.agent);

    await visit('/espace/caf');
    await click(page.getByRole('link', { name: /Envoyer un SMS ou un e-mail à une liste/ }));
    await page.getByLabel('SMS', { exact: true }).check();
    await page.getByLabel('Fichier CSV des destinataires').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('textbox', { name: 'Texte du message' }).fill('Bonjour ((prenom)), votre carte est prête à la CAF.');
    await click(page.getByRole('button', { name: 'Vérifier la liste' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Vérifier l'envoi/ }));
    await expect.text(page.getByRole('main'), /2 destinataires/);
    await expect.text(page.getByRole('table', { name: /Problèmes par ligne/ }), /Numéro « 12 »/);

    await click(page.getByRole('button', { name: 'Envoyer à 2 destinataires' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: "Suivi de l'envoi" }));
    await expect.text(page.getByRole('main'), /sur 2, \d en file d'attente/);
    await expect.text(page.getByRole('table', { name: /État par destinataire/ }), /33798765432/);
  },
};

import { signInStaff } from '../lib/sign-in.mjs';

// An agent of the CAF types a paper form collected at the counter, finds the page ready for
// the next one, and sees it counted with its channel.

export default {
  name: 'avis: an agent types paper feedback collected at the counter',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.agent);
    await visit('/espace/caf/demarches/rsa/avis');
    await expect.visible(page.getByRole('heading', { level: 1, name: /Avis sur la démarche/ }));
    await expect.visible(page.getByRole('img', { name: /Code QR menant au questionnaire/ }));

    await page.getByRole('radio', { name: 'Au guichet' }).check();
    await page.getByRole('radio', { name: 'Moyenne', exact: true }).check();
    await page.getByRole('radio', { name: '2 – Peu claires' }).check();
    await page.getByRole('checkbox', { name: "Je n'ai cherché aucune aide" }).check();
    await click(page.getByRole('button', { name: 'Enregistrer cette réponse' }));
    await expect.text(page.getByRole('status'), 'Réponse enregistrée');
    await expect.visible(page.getByRole('table', { name: /avis/ }));
    await expect.text(page.getByRole('table', { name: /avis/ }), 'au guichet');
  },
};

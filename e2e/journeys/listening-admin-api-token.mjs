import { signInStaff } from '../lib/sign-in.mjs';

// The platform's administrator makes an API token, sees it once, and revokes it.

export default {
  name: 'avis: an administrator makes an API token, sees it once, revokes it',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.admin);
    await visit('/espace/guichet');
    await click(page.getByRole('link', { name: /jetons d'API/ }));
    await expect.path('/espace/guichet/jetons');
    const name = `Avis papier ${js ? 'avec' : 'sans'} JavaScript`;
    await page.getByLabel('Nom du jeton').fill(name);
    await click(page.getByRole('button', { name: 'Créer le jeton' }));
    await expect.text(page.getByRole('status'), 'il ne sera plus jamais affiché');
    await click(page.getByRole('button', { name: `Retirer le jeton « ${name} »` }));
    await expect.text(page.getByRole('status'), 'Le jeton est retiré');
  },
};

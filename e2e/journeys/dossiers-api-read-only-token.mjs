import { signInStaff } from '../lib/sign-in.mjs';

// An administrator makes a read-only API token for a software that only
// reads the dossiers: the list says it is read-only, then it is revoked.

export default {
  name: 'dossiers API: an administrator makes a read-only token, sees it listed as such, revokes it',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.admin);
    await visit('/espace/guichet/jetons');
    const name = `Lecture des dossiers ${js ? 'avec' : 'sans'} JavaScript`;
    await page.getByLabel('Nom du jeton').fill(name);
    await page.getByLabel(/En lecture seule/).check();
    await click(page.getByRole('button', { name: 'Créer le jeton' }));
    await expect.text(page.getByRole('status'), 'il ne sera plus jamais affiché');
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect.text(row, 'Lecture seule');
    await click(page.getByRole('button', { name: `Retirer le jeton « ${name} »` }));
    await expect.text(page.getByRole('status'), 'Le jeton est retiré');
    await expect.text(page.getByRole('row', { name: new RegExp(name) }), 'Retiré le');
  },
};

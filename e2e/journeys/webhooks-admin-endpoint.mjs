import { signInStaff } from '../lib/sign-in.mjs';

// An organisation's administrator registers a webhook endpoint, is refused
// an address of this machine, reads the secret once, then stops the
// endpoint and deletes it.

export default {
  name: 'webhooks: an administrator registers an endpoint, sees its secret once, stops and deletes it',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.admin);
    await visit('/espace/guichet');
    await click(page.getByRole('link', { name: /webhooks de l'organisation/ }));
    await expect.path('/espace/guichet/webhooks');

    await page.getByLabel('Adresse du point de réception').fill('http://127.0.0.1:9/guichet');
    await click(page.getByRole('button', { name: 'Enregistrer le point de réception' }));
    await expect.text(page.getByRole('alert'), /réseau privé/);

    const address = `https://si.exemple.fr/guichet/${js ? 'avec' : 'sans'}-javascript`;
    await page.getByLabel('Adresse du point de réception').fill(address);
    await click(page.getByRole('button', { name: 'Enregistrer le point de réception' }));
    await expect.text(page.getByRole('status'), 'il ne sera plus jamais affiché');
    await expect.text(page.getByRole('status'), /whsec_/);

    await click(page.getByRole('link', { name: new RegExp(address) }));
    await expect.path(/^\/espace\/guichet\/webhooks\/\d+$/);
    await expect.visible(page.getByText('Aucun envoi pour l\'instant'));
    await click(page.getByRole('button', { name: 'Désactiver le point de réception' }));
    await expect.text(page.getByRole('status'), 'il ne reçoit plus rien');
    await click(page.getByRole('button', { name: 'Supprimer le point de réception et ses envois' }));
    await expect.path('/espace/guichet/webhooks');
    await expect.text(page.getByRole('status'), 'Le point de réception est supprimé');
  },
};

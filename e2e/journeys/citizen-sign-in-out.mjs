// A citizen signs in with e-mail and password, sees their account, and signs out.
export default {
  name: 'identity: a citizen signs in and signs out',
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/');
    await click(page.getByRole('link', { name: 'Se connecter' }));
    await expect.path('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await expect.path('/compte');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Mon compte' }));
    await expect.text(page.getByRole('main'), me.email);

    await click(page.getByRole('button', { name: 'Se déconnecter' }));
    await expect.text(page.getByRole('status'), 'Vous êtes déconnecté');
    await expect.visible(page.getByRole('link', { name: 'Se connecter' }));

    // The account is closed to the signed-out browser.
    await visit('/compte');
    await expect.path('/connexion');
  },
};

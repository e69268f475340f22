// An agent signs in with a password, then the code of their authenticator app.
export default {
  name: 'identity: an agent signs in with a TOTP code',
  async run({ page, visit, click, expect, accounts, totp }) {
    const me = accounts.agent;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await expect.path('/connexion/second-facteur');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Code de sécurité' }));

    await page.getByLabel('Code à 6 chiffres').fill(totp(me.totpSecret));
    await click(page.getByRole('button', { name: 'Valider' }));
    await expect.path('/espace');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Mon espace' }));
    await expect.visible(page.getByRole('link', { name: /CAF|Caisse d'allocations familiales/ }));

    await click(page.getByRole('button', { name: 'Se déconnecter' }));
    await expect.text(page.getByRole('status'), 'Vous êtes déconnecté');
  },
};

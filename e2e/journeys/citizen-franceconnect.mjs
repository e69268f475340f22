// A citizen signs in with FranceConnect (the strict test provider, cmd/oidctest),
// sees their name and the identity FranceConnect gave on their account, and
// signs out through FranceConnect's end of session.
export default {
  name: 'identity: a citizen signs in and out with FranceConnect',
  async run({ page, visit, click, expect }) {
    await visit('/connexion');
    await expect.visible(page.getByRole('link', { name: 'Qu’est-ce que FranceConnect ?' }));
    await click(page.getByRole('link', { name: 'S’identifier avec FranceConnect' }));
    await expect.path('/compte');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Mon compte' }));
    await expect.text(page.getByRole('main'), 'Camille Martin');
    await expect.visible(page.getByRole('heading', { name: 'Identité transmise par FranceConnect' }));

    await click(page.getByRole('button', { name: 'Se déconnecter' }));
    await expect.path('/deconnexion/retour');
    await expect.text(page.getByRole('status'), 'Vous êtes déconnecté. À bientôt.');
    await visit('/compte');
    await expect.path('/connexion');
  },
};

// An agent of the demo CAF signs in with ProConnect (the strict test provider,
// cmd/oidctest, answering with multi-factor): Guichet's own code is not asked.
export default {
  name: 'identity: an agent signs in with ProConnect',
  async run({ page, visit, click, expect }) {
    await visit('/connexion');
    await expect.visible(page.getByRole('link', { name: 'Qu’est-ce que ProConnect ?' }));
    await click(page.getByRole('link', { name: 'S’identifier avec ProConnect' }));
    await expect.path('/espace');
    await click(page.getByRole('button', { name: 'Se déconnecter' }));
    await expect.path('/deconnexion/retour');
    await expect.text(page.getByRole('status'), 'Vous êtes déconnecté');
  },
};

// A person opens Guichet: the home page offers the search, help and a way to sign in.
export default {
  name: 'home: the home page offers search and help',
  async run({ page, visit, expect }) {
    const res = await visit('/');
    expect.equal(res.status(), 200, 'status of /');
    await expect.title(/Guichet/);
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Vos démarches, simplement' }));
    await expect.visible(page.getByRole('searchbox', { name: 'Que voulez-vous faire ?' }));
    await expect.visible(page.getByRole('link', { name: 'Se connecter' }));
    await expect.visible(page.getByRole('link', { name: /Accessibilité/ }));
  },
};

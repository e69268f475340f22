// From any page, the footer leads to the accessibility statement.
export default {
  name: 'pages: the accessibility statement is one link away',
  async run({ page, visit, click, expect }) {
    await visit('/');
    await click(page.getByRole('contentinfo').getByRole('link', { name: /Accessibilité/ }));
    await expect.path('/accessibilite');
    await expect.visible(page.getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" }));
    await expect.visible(page.getByRole('heading', { level: 2, name: 'État de conformité' }));
    await expect.text(page.getByRole('main'), 'non conforme');
    await expect.text(page.getByRole('main'), 'article 47 de la loi');
    await expect.visible(page.getByRole('heading', { level: 2, name: 'Voies de recours' }));
    await expect.text(page.getByRole('main'), 'Libre réponse 71120');
  },
};

// From any page, the footer leads to the accessibility statement.
export default {
  name: 'pages: the accessibility statement is one link away',
  async run({ page, visit, click, expect }) {
    await visit('/');
    await click(page.getByRole('contentinfo').getByRole('link', { name: /Accessibilité/ }));
    await expect.path('/accessibilite');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Accessibilité' }));
    await expect.visible(page.getByRole('heading', { level: 2, name: 'État de conformité' }));
    await expect.text(page.getByRole('main'), 'RGAA');
  },
};

// A person who does not know what to type browses: from a moment of life to its procedures
// in order, and from a category to its procedures.
export default {
  name: 'catalogue: browse by life event and by category',
  async run({ page, visit, click, expect }) {
    await visit('/');
    await click(page.getByRole('link', { name: 'Je déménage' }));
    await expect.path('/evenements/je-demenage');
    const steps = page.getByRole('list', { name: "Les démarches, dans l'ordre" });
    await expect.visible(steps);
    await click(steps.getByRole('link').first());
    await expect.path(/^\/demarches\/[a-z0-9-]+$/);
    await expect.visible(page.getByRole('heading', { level: 2, name: 'Comment faire' }));

    await visit('/demarches');
    await click(page.getByRole('link', { name: 'Logement', exact: true }));
    await expect.path('/demarches/categorie/logement');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Logement' }));
    await expect.visible(page.getByRole('link', { name: /aide au logement/i }).first());

    await visit('/evenements');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Les moments de la vie' }));
  },
};

// A journalist reads the observatory: every procedure's indicators with
// their colour said in words, the CAF's alone, one procedure's history
// and the spread of its answers, what to fix first, the alerts, and the
// open data.
export default {
  name: 'observatory: browse the indicators, a procedure, priorities and alerts',
  async run({ page, visit, click, expect }) {
    await visit('/observatoire');
    await expect.visible(page.getByRole('heading', { level: 1, name: /Observatoire des démarches/ }));
    await expect.visible(page.getByRole('table').getByText('✓ Bon').first());
    await expect.visible(page.getByRole('table').getByText('✗ À améliorer').first());
    await page.getByLabel('Administration').selectOption({ label: "Caisse d'allocations familiales du Rhône" });
    await click(page.getByRole('button', { name: 'Afficher' }));
    await expect.path('/observatoire');
    await expect.visible(page.getByRole('link', { name: "Demander la prime d'activité" }));
    await click(page.getByRole('link', { name: "Demander la prime d'activité" }));
    await expect.path('/observatoire/prime-activite');
    await expect.visible(page.getByRole('img', { name: /Évolution de la satisfaction/ }));
    await expect.visible(page.getByRole('table', { name: /Les indicateurs de chaque édition/ }));
    await expect.visible(page.getByRole('img', { name: /Répartition des \d+ avis/ }));
    await expect.visible(page.getByRole('table', { name: /avis de l'édition \(les mêmes données que le graphique\)/ }));

    await visit('/observatoire/priorites');
    await expect.visible(page.getByText('Règle du classement :'));
    await visit('/observatoire/alertes');
    await expect.text(page.getByRole('main'), /Demander la prime d'activité/);
  },
};

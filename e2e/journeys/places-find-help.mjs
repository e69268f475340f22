// A person types their town, narrows to France Services, and opens a place.
export default {
  name: 'places: find help near a typed town and open a place',
  async run({ page, visit, click, expect, js }) {
    await visit('/lieux');
    const nearMe = page.getByRole('button', { name: 'Autour de moi' });
    // The position is offered only where a script can ask for it.
    if (js) await expect.visible(nearMe);
    else await expect.hidden(nearMe);

    await page.getByLabel('Votre commune ou votre code postal').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Rechercher', exact: true }));
    await expect.path('/lieux');
    await expect.visible(page.getByRole('heading', { level: 2, name: /lieux trouvés près de Villeurbanne/ }));
    await expect.title(/lieux trouvés près de Villeurbanne/);

    await page.getByLabel('Labellisé France Services').check();
    await click(page.getByRole('button', { name: 'Appliquer les filtres' }));
    await expect.visible(page.getByRole('heading', { level: 2, name: /trouvés? près de Villeurbanne/ }));

    await click(page.getByRole('link', { name: 'France services Pimms Médiation de Villeurbanne' }));
    await expect.path(/^\/lieux\/\d+$/);
    await expect.visible(page.getByRole('heading', { level: 1, name: 'France services Pimms Médiation de Villeurbanne' }));
    await expect.visible(page.getByRole('table', { name: "Horaires d'ouverture de la semaine" }));
    await expect.visible(page.getByRole('link', { name: '06 15 44 30 00' }));
    await expect.visible(page.getByRole('link', { name: /Voir le lieu sur une carte/ }));
  },
};

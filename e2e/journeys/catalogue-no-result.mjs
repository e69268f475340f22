// A search that finds nothing says so kindly, offers the phone number of Allô Service Public
// and the help places near the town the person types.
export default {
  name: 'catalogue: a search without result offers help nearby',
  async run({ page, visit, click, expect }) {
    await visit('/demarches');
    await page.getByRole('searchbox', { name: 'Que voulez-vous faire ?' }).fill('zzkqwx');
    await click(page.getByRole('button', { name: 'Rechercher' }));
    const answer = page.getByRole('region', { name: /Nous n'avons pas trouvé/ });
    await expect.visible(answer);
    await expect.visible(answer.getByRole('link', { name: '39 39' }));

    await page.getByLabel('Votre commune ou votre code postal').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Voir les lieux proches' }));
    // The answer lands on the places found, not at the top of the page.
    await expect.equal(new URL(page.url()).hash, '#aide-pres', 'where the places show');
    await expect.visible(page.getByRole('link', { name: /Voir tous les lieux d'aide près de Villeurbanne/ }));
    await click(page.getByRole('link', { name: /Voir tous les lieux d'aide près de Villeurbanne/ }));
    await expect.path('/lieux');
  },
};

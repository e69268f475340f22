// A town nobody knows: the page says so kindly, with what to try and a number to call.
export default {
  name: 'places: an unknown town gets a kind answer',
  async run({ page, visit, click, expect }) {
    await visit('/lieux');
    await page.getByLabel('Votre commune ou votre code postal').fill('Trifouilly-les-Oies');
    await click(page.getByRole('button', { name: 'Rechercher', exact: true }));
    const answer = page.getByRole('region', { name: 'Aucun lieu trouvé' });
    await expect.visible(answer);
    await expect.text(answer, /Trifouilly-les-Oies/);
    await expect.text(answer, /39 39/);
    await expect.equal(await page.getByLabel('Votre commune ou votre code postal').inputValue(), 'Trifouilly-les-Oies', 'the town typed');
  },
};

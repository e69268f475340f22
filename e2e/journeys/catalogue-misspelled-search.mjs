// A person who writes with difficulty types "jai perdu ma carte vital" on the home page and
// lands on the right procedure, then on its easy-to-read version.
export default {
  name: 'catalogue: a misspelled search finds the right procedure',
  async run({ page, visit, click, expect }) {
    await visit('/');
    await page.getByRole('searchbox', { name: 'Que voulez-vous faire ?' }).fill('jai perdu ma carte vital');
    await click(page.getByRole('button', { name: 'Chercher' }));
    await expect.path('/demarches');
    await expect.visible(page.getByRole('heading', { level: 1, name: /jai perdu ma carte vital/ }));

    const first = page.getByRole('list', { name: /démarches? trouvées?/ }).getByRole('listitem').first();
    await expect.text(first, /carte Vitale/);
    await click(first.getByRole('link'));
    await expect.path('/demarches/carte-vitale');
    await expect.visible(page.getByRole('heading', { level: 1, name: /carte Vitale/ }));
    await expect.visible(page.getByRole('heading', { level: 3, name: 'Sans internet' }));
    await expect.visible(page.getByRole('link', { name: '3646' }).first());

    await click(page.getByRole('link', { name: 'Version facile à lire' }));
    await expect.path('/demarches/carte-vitale/facile-a-lire');
    await expect.text(page.getByRole('main'), /La carte Vitale est une carte verte/);
  },
};

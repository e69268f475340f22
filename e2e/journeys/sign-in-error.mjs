// A wrong password: the page lists the problem at the top, keeps the e-mail, and stays signed out.
export default {
  name: 'identity: a failed sign-in shows the error summary',
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await expect.path('/connexion');
    await expect.title(/^Erreur/);
    const summary = page.locator('.error-summary');
    await expect.visible(summary);
    await expect.visible(summary.getByRole('heading', { name: 'Il y a un problème' }));
    // The summary links to the field at fault.
    await expect.visible(summary.locator('a[href="#password"]'));
    expect.equal(await page.getByLabel('Adresse e-mail').inputValue(), me.email, 'the e-mail typed');
    expect.equal(await page.getByLabel('Mot de passe').getAttribute('aria-invalid'), 'true', 'aria-invalid of the password');

    // An empty form names both fields.
    await page.getByLabel('Adresse e-mail').fill('');
    await page.getByLabel('Mot de passe').fill('');
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await expect.visible(summary.getByRole('heading', { name: 'Il y a 2 problèmes' }));
    await expect.visible(page.getByRole('link', { name: 'Se connecter' }));
  },
};

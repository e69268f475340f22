import { signInStaff } from '../lib/sign-in.mjs';

// An organisation's administrator finds the pace of collective sends from
// the organisation's page, types a wrong value, reads what to do, then
// sets 1 200 messages a minute.
export default {
  name: 'notify: an administrator sets the pace of collective sends',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.admin);

    await visit('/espace/guichet');
    await click(page.getByRole('link', { name: /Le rythme des envois groupés/ }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Rythme des envois groupés/ }));
    await expect.text(page.getByRole('main'), /Rythme actuel : \d+ messages par minute/);

    await page.getByLabel('Messages par minute').fill('beaucoup');
    await click(page.getByRole('button', { name: 'Enregistrer le rythme' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await expect.text(page.getByRole('main'), /entre 1 et 100 000/);

    await page.getByLabel('Messages par minute').fill('1 200');
    await click(page.getByRole('button', { name: 'Enregistrer le rythme' }));
    await expect.text(page.getByRole('status').first(), /Rythme enregistré : 1200 messages par minute/);
  },
};

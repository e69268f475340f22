import { signInStaff } from '../lib/sign-in.mjs';

// The platform operator edits the synonyms of the search, which serve every
// administration's procedures: a list with a broken line is refused, line by
// line, and nothing is stored.

export default {
  name: 'catalogue: the operator edits the synonyms of the search',
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.admin);

    await visit('/admin');
    await click(page.getByRole('link', { name: 'Modifier les synonymes de la recherche' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Synonymes de la recherche' }));
    const list = page.getByLabel('La liste des synonymes');
    await list.fill(`${await list.inputValue()}\nune ligne sans signe`);
    await click(page.getByRole('button', { name: 'Enregistrer la liste' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await expect.text(page.getByRole('main'), /Ligne \d+ \(« une ligne sans signe »\)/);
  },
};

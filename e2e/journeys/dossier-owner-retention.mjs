import { signInStaff } from '../lib/sign-in.mjs';

// The CAF's procedure owner sets how long the birth grant's closed dossiers are kept after
// their decision: a wrong number is said beside the field with what was typed, a right one
// is saved, and emptying the field keeps the dossiers again.
export default {
  name: 'dossier: a procedure owner sets the retention of closed dossiers',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.procedure_owner);

    await visit('/espace/caf/demarches/prime-naissance');
    await click(page.getByRole('link', { name: 'Conservation des dossiers terminés' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Conservation des dossiers terminés/ }));
    const months = page.getByLabel(/Durée de conservation après la décision/);
    await months.fill('200');
    await click(page.getByRole('button', { name: 'Enregistrer la durée' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await expect.text(page.getByRole('main'), /entre 1 et 120/);
    await months.fill('24');
    await click(page.getByRole('button', { name: 'Enregistrer la durée' }));
    await expect.text(page.getByRole('status').first(), /La durée est enregistrée/);
    await months.fill('');
    await click(page.getByRole('button', { name: 'Enregistrer la durée' }));
    await expect.text(page.getByRole('status').first(), /La durée est enregistrée/);
  },
};

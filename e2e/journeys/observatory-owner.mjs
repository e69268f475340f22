import { signInStaff } from '../lib/sign-in.mjs';

// The CAF's procedure owner opens the indicators of their procedures,
// writes a note on one for their team (never published), and finds it
// back beside the table.

export default {
  name: 'observatory: a procedure owner reads their procedures and keeps a note',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.procedure_owner);

    await visit('/espace/caf/demarches');
    await click(page.getByRole('link', { name: "Les indicateurs de vos démarches dans l'observatoire" }));
    await expect.path('/espace/caf/observatoire');
    await expect.visible(page.getByRole('heading', { level: 1, name: /Indicateurs de vos démarches/ }));
    await expect.visible(page.getByRole('link', { name: "Demander la prime d'activité" }));

    await click(page.getByRole('link', { name: "Déclarer pour Demander la prime d'activité" }));
    const note = `Courrier de relance revu en janvier (${js ? 'avec' : 'sans'} JavaScript).`;
    await page.getByLabel(/Votre note sur ce trimestre/).fill(note);
    await click(page.getByRole('button', { name: 'Enregistrer la déclaration' }));
    await expect.visible(page.getByText('La déclaration est enregistrée.'));

    await visit('/espace/caf/observatoire');
    await expect.text(page.getByRole('main'), note);
    // The public page of the procedure does not show it.
    await visit('/observatoire/prime-activite');
    await expect.visible(page.getByRole('heading', { level: 1 }));
    expect.equal(await page.getByText(note).count(), 0, 'the note on the public page');
  },
};

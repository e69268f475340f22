import { signInStaff } from '../lib/sign-in.mjs';

// The demo procedure owner of the CAF rewrites a summary, sees its readability, saves a
// draft, publishes it, and finds it on the public page.

export default {
  name: 'catalogue: a procedure owner edits and publishes a summary',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.procedure_owner);

    await visit('/espace/caf/demarches');
    await expect.visible(page.getByRole('table', { name: /lisibilité/ }));
    await click(page.getByRole('link', { name: "Obtenir une attestation de la caisse d'allocations familiales", exact: true }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Modifier/ }));

    // A required field left empty: the error is next to it, the rest of the form is kept.
    await page.getByLabel('Titre de la démarche').fill('');
    await click(page.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await page.getByLabel('Titre de la démarche').fill("Obtenir une attestation de la caisse d'allocations familiales");

    const summary = `Une attestation de la CAF prouve ce que vous recevez. Vous la téléchargez en ligne, tout de suite. Essai ${js ? 'avec' : 'sans'} JavaScript.`;
    await page.getByRole('textbox', { name: 'Résumé' }).fill(summary);
    // With JavaScript, the score follows the typing; without, the button gives it.
    if (js) await expect.visible(page.getByText(/^Lisibilité : \d+ \(/).first());
    await click(page.getByRole('button', { name: 'Vérifier la lisibilité' }));
    await expect.visible(page.getByRole('heading', { level: 3, name: /Le résumé : \d+/ }));
    await click(page.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await expect.text(page.getByRole('status').first(), /Brouillon enregistré/);

    await click(page.getByRole('button', { name: /Publier la version \d+/ }));
    await expect.text(page.getByRole('status').first(), /est publiée/);

    await visit('/demarches/attestation-caf');
    await expect.text(page.getByRole('main'), summary);

    // The history lists the versions; an old one shows as the public would see it.
    await visit('/espace/caf/demarches/attestation-caf/historique');
    await click(page.getByRole('link', { name: 'Voir la version 1' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: "Obtenir une attestation de la caisse d'allocations familiales" }));
    await expect.text(page.getByRole('note'), /Aperçu de la version 1/);
  },
};

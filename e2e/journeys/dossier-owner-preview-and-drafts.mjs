import { signInStaff } from '../lib/sign-in.mjs';

// The CAF's procedure owner tries the birth grant's form in the preview: the SIRET is asked
// only of someone who works on their own account, as in a person's dossier. Then they set
// how long untouched drafts are kept, and a wrong number is said beside the field.
export default {
  name: 'dossier: a procedure owner previews a condition and sets the drafts’ lifetime',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.procedure_owner);

    // The activity question, opened straight from the preview's pages.
    await visit('/espace/caf/demarches/prime-naissance/formulaire/apercu?page=2');
    await expect.visible(page.getByRole('heading', { level: 1, name: /Aperçu : page 3 sur \d+/ }));
    await page.getByLabel('Je suis salarié').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    // Salaried: the SIRET's page is skipped.
    await expect.visible(page.getByRole('heading', { level: 1, name: /Aperçu : page 5 sur \d+/ }));
    await expect.hidden(page.getByLabel(/SIRET/));
    await click(page.getByRole('button', { name: "Retour à l'étape précédente" }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Aperçu : page 3 sur \d+/ }));
    await page.getByLabel('Je travaille à mon compte').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Aperçu : page 4 sur \d+/ }));
    await expect.visible(page.getByLabel(/SIRET/));
    await expect.visible(page.getByText(/Affiché parce que « Quelle est votre activité/));
    await click(page.getByRole('link', { name: 'Retour au formulaire' }));

    // The drafts' lifetime, from the procedure's page.
    await visit('/espace/caf/demarches/prime-naissance');
    await click(page.getByRole('link', { name: /Brouillons/ }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Brouillons de la démarche/ }));
    const months = page.getByLabel(/Durée de conservation d'un brouillon/);
    await months.fill('36');
    await click(page.getByRole('button', { name: 'Enregistrer la durée' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await expect.text(page.getByRole('main'), /entre 1 et 24/);
    await months.fill('3');
    await click(page.getByRole('button', { name: 'Enregistrer la durée' }));
    await expect.text(page.getByRole('status').first(), /La durée est enregistrée/);
  },
};

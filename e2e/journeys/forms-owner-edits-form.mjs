import { signInStaff } from '../lib/sign-in.mjs';

// The demo procedure owner of the CAF adds a question to the online form of the birth
// grant, looks at the preview, publishes a new version, and the public page offers to do
// the procedure online.

export default {
  name: 'forms: a procedure owner adds a question and publishes the form',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.procedure_owner);

    await visit('/espace/caf/demarches/prime-naissance/formulaire');
    await expect.visible(page.getByRole('heading', { level: 1, name: /Formulaire en ligne/ }));
    await click(page.getByRole('link', { name: 'Ajouter une question sur la page 1' }));

    // Without a label, the question is refused and the error says why.
    await page.getByLabel('Type de question').selectOption({ label: 'Oui ou non' });
    await click(page.getByRole('button', { name: 'Enregistrer la question' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));

    await page.getByLabel('Intitulé').fill('Attendez-vous des jumeaux ?');
    await page.getByLabel('La réponse est obligatoire').check();
    await click(page.getByRole('button', { name: 'Enregistrer la question' }));
    await expect.text(page.getByRole('status').first(), /Brouillon enregistré/);
    await expect.visible(page.getByText('Attendez-vous des jumeaux ?').first());

    // A repeatable block: one item per child, added and removed with buttons.
    await click(page.getByRole('link', { name: 'Ajouter une question sur la page 1' }));
    await page.getByLabel('Type de question').selectOption({ label: 'Bloc répétable' });
    await page.getByLabel('Intitulé').fill('Vos autres enfants');
    await page.getByLabel("Nom d'un élément").fill('Enfant');
    await page.getByLabel('Texte du bouton pour ajouter').fill('Ajouter un enfant');
    await click(page.getByRole('button', { name: 'Enregistrer la question' }));
    await expect.text(page.getByRole('status').first(), /Brouillon enregistré/);

    // The preview shows every page as people will see it.
    await click(page.getByRole('link', { name: "Voir l'aperçu, page par page" }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Aperçu : page 1 sur \d+/ }));
    await expect.visible(page.getByRole('group', { name: /Attendez-vous des jumeaux \?/ }));
    await expect.visible(page.getByRole('button', { name: 'Ajouter un enfant' }));
    for (let i = 0; i < 12 && await page.getByRole('link', { name: 'Page suivante' }).count() > 0; i++) {
      await click(page.getByRole('link', { name: 'Page suivante' }));
    }
    await click(page.getByRole('link', { name: 'Retour au formulaire' }));

    // Page 1 now asks several questions: it needs a title before it is published (the
    // second run of this journey, on the same server, finds the title given by the first).
    if (!(await page.getByLabel('Titre de la page 1').inputValue())) {
      await click(page.getByRole('button', { name: /Publier la version \d+/ }));
      await expect.visible(page.getByText(/La page 1 pose plusieurs questions/).first());
      await page.getByLabel('Titre de la page 1').fill('Votre dossier à la Caf');
      await click(page.getByRole('button', { name: 'Renommer la page 1' }));
      await expect.text(page.getByRole('status').first(), /Brouillon enregistré/);
    }
    await click(page.getByRole('button', { name: /Publier la version \d+/ }));
    await expect.text(page.getByRole('status').first(), /est publiée/);

    await visit('/demarches/prime-naissance');
    await expect.visible(page.getByRole('link', { name: 'Faire la démarche en ligne' }));
  },
};

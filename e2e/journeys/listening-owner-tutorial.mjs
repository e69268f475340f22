import { signInStaff } from '../lib/sign-in.mjs';

// A 1 × 1 PNG picture, as a screenshot would be.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let run = 0;

// The CAF's owner writes a tutorial of the RSA: a step with a picture
// (first without its description, which the page asks for), a step with a
// video and its transcript; publishes it; anyone then finds it on the
// procedure's page under « Comment faire, pas à pas ».
export default {
  name: 'écoute: an owner writes a tutorial that the public follows step by step',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    run++;
    const title = `Demander le RSA en ligne, essai ${run}`;

    await signInStaff(h, accounts.procedure_owner);
    await visit('/espace/caf/demarches/rsa');
    await click(page.getByRole('link', { name: /Tutoriels/ }));
    await page.getByLabel('Titre du tutoriel').fill(title);
    await click(page.getByRole('button', { name: 'Commencer le tutoriel' }));

    await page.getByLabel('Ce que la personne fait à cette étape').fill('Cliquez sur « Se connecter », en haut à droite.');
    await page.getByLabel(/Image de l'étape/).setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: png });
    await click(page.getByRole('button', { name: 'Ajouter l\'étape' }));
    await expect.visible(page.getByRole('link', { name: /Décrivez l'image/ }));
    await expect.title(/^Erreur : /);
    await page.getByLabel(/Image de l'étape/).setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: png });
    await page.getByLabel(/Description de l'image/).fill('Le bouton Se connecter, en haut à droite de la page');
    await click(page.getByRole('button', { name: 'Ajouter l\'étape' }));
    await expect.text(page.getByRole('status'), 'enregistré');

    await page.getByLabel('Ce que la personne fait à cette étape').fill('Écrivez vos ressources des trois derniers mois.');
    await page.getByLabel(/Adresse de la vidéo/).fill('https://video.exemple.fr/rsa-ressources');
    await page.getByLabel(/Transcription de la vidéo/).fill('La conseillère montre la case des salaires, puis celle des autres revenus.');
    await click(page.getByRole('button', { name: 'Ajouter l\'étape' }));
    await click(page.getByRole('button', { name: 'Publier le tutoriel' }));
    await expect.text(page.getByRole('status'), 'publié');
    await click(page.getByRole('button', { name: /Se déconnecter/ }));

    await visit('/demarches/rsa');
    await expect.visible(page.getByRole('heading', { name: 'Comment faire, pas à pas' }));
    await click(page.getByRole('link', { name: title }));
    await expect.visible(page.getByRole('heading', { level: 1, name: title }));
    await expect.visible(page.getByRole('img', { name: 'Le bouton Se connecter, en haut à droite de la page' }));
    await expect.visible(page.getByRole('link', { name: 'Voir la vidéo de l\'étape 2' }));
    await page.getByText('Transcription de la vidéo de l\'étape 2').click();
    await expect.text(page.getByRole('main'), 'La conseillère montre la case des salaires');
  },
};

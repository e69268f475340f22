import { signInStaff } from '../lib/sign-in.mjs';

// A person tells their experience of the RSA from the procedure's page, with
// a phone number in it; nothing is public until the CAF's agent reads it,
// masked, publishes it and answers it publicly. The public page then shows
// the story, the reply and the time to reply, and the CAF's page its share
// of experiences answered. Each run tells its own story.
let run = 0;

export default {
  name: 'écoute: an experience told, moderated and answered publicly',
  timeout: 240_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    run++;
    const title = `Dossier retrouvé grâce au rappel ${run}`;
    const reply = `Merci, nous avons transmis à l'équipe (${run}).`;
    await visit('/demarches/rsa');
    await click(page.getByRole('link', { name: /Lire les expériences des usagers/ }));
    await expect.path('/demarches/rsa/experiences');

    // Sent empty, the form says what is missing.
    await click(page.getByRole('button', { name: 'Envoyer mon expérience' }));
    await expect.text(page.getByRole('alert'), 'Donnez un titre');
    await expect.title(/^Erreur : /);
    await page.getByLabel('Titre de votre expérience').fill(title);
    await page.getByLabel('Votre expérience', { exact: true }).fill('Mon dossier était perdu. On m\'a rappelé au 06 12 34 56 78 et tout est reparti.');
    await click(page.getByRole('button', { name: 'Envoyer mon expérience' }));
    await expect.text(page.getByRole('status'), 'publiée après relecture');
    await expect.equal(await page.getByRole('heading', { name: title }).count(), 0, 'stories published before moderation');

    await signInStaff(h, accounts.agent);
    await visit('/espace/caf');
    await click(page.getByRole('link', { name: /Les expériences racontées par les usagers/ }));
    await expect.text(page.getByRole('main'), '[téléphone masqué]');
    await click(page.getByRole('button', { name: `Publier « ${title} »` }));
    await expect.text(page.getByRole('status'), 'est publiée');
    const mine = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
    await mine.getByLabel(`Réponse publique à « ${title} »`).fill(reply);
    await click(mine.getByRole('button', { name: 'Publier la réponse' }));
    await expect.text(page.getByRole('status'), 'Votre réponse est publiée');

    await visit('/demarches/rsa/experiences');
    const story = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
    await expect.text(story, reply);
    await expect.text(story, 'Première réponse de l\'administration en');
    await click(page.getByRole('link', { name: /comment .* répond aux usagers/ }));
    await expect.text(page.getByRole('main'), 'Part des expériences qui ont reçu une réponse');
  },
};

import { signInStaff } from '../lib/sign-in.mjs';

// The demo mediator publishes a series of video slots two months ahead,
// after a first try with mistakes, then opens one of the structure's slots.

export default {
  name: 'appointments: a mediator publishes a series of slots',
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.mediator);

    await visit('/espace/france-services-villeurbanne');
    await click(page.getByRole('link', { name: /Les rendez-vous de la structure/ }));
    await click(page.getByRole('link', { name: 'Publier des créneaux' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Publier des créneaux de rendez-vous' }));

    await page.getByRole('radio', { name: 'En vidéo' }).check();
    await page.getByLabel('Heure de début').fill('14:00');
    await click(page.getByRole('button', { name: 'Publier les créneaux' }));
    await expect.visible(page.getByRole('heading', { name: /Il y a \d+ problèmes/ }));
    await expect.equal(await page.getByLabel('Heure de début').inputValue(), '14:00', 'the start typed');

    // Each run its own day: typing the same series again creates nothing.
    const d = new Date(Date.now() + (js ? 60 : 61) * 24 * 3600 * 1000);
    const day = `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
    await page.getByLabel('Lien de la visio (pour les rendez-vous en vidéo)').fill('https://visio.exemple.fr/salle-12');
    await page.getByLabel('Premier jour').fill(day);
    await page.getByLabel('Dernier jour').fill(day);
    for (const name of ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche']) {
      await page.getByLabel(name, { exact: true }).check();
    }
    await page.getByLabel('Heure de fin').fill('15:00');
    await page.getByLabel('20 minutes', { exact: true }).check();
    await click(page.getByRole('button', { name: 'Publier les créneaux' }));
    await expect.text(page.getByRole('status').first(), /3 créneaux créés/);

    await click(page.getByRole('link', { name: /voir les réservations/ }).first());
    await expect.visible(page.getByRole('heading', { level: 1, name: /Créneau du/ }));
  },
};

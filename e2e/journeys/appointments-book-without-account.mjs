import { waitForMail } from '../lib/mail.mjs';

// A person finds the France Services place of Villeurbanne, sees its next
// free slot, books it without an account with an e-mail address, proves it
// is theirs with the code sent to it (a wrong code first), gets the
// calendar file, moves the appointment and then cancels it by its link;
// another link reaches nothing.

export default {
  name: 'appointments: book a slot without an account, get the ICS, move and cancel it',
  async run({ page, visit, click, expect, baseURL, dataDir }) {
    await visit('/lieux?q=Villeurbanne');
    await click(page.getByRole('link', { name: /France services Pimms Médiation de Villeurbanne/i }).first());
    await expect.visible(page.getByText(/Prochain créneau libre/));
    await click(page.getByRole('link', { name: /Prendre rendez-vous/ }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Prendre rendez-vous/ }));
    await click(page.getByRole('link', { name: / h \d\d le / }).first());
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Prendre rendez-vous' }));

    // A mistake keeps what was typed.
    await page.getByLabel('Votre nom').fill('Awa');
    await page.getByLabel('Numéro de portable ou adresse e-mail').fill('04 78 00 00 01');
    await click(page.getByRole('button', { name: 'Recevoir le code de confirmation' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));
    await expect.equal(await page.getByLabel('Votre nom').inputValue(), 'Awa', 'the name typed');

    // An address of this run's own, so that the code read is this run's.
    const email = `awa.${Date.now()}@exemple.fr`;
    await page.getByLabel('Numéro de portable ou adresse e-mail').fill(email);
    await click(page.getByRole('button', { name: 'Recevoir le code de confirmation' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Confirmez le rendez-vous avec le code reçu' }));
    const mail = await waitForMail(dataDir, email, /code/);
    const code = mail.match(/\b\d{6}\b/)[0];
    await page.getByLabel('Code reçu').fill(code === '000000' ? '111111' : '000000');
    await click(page.getByRole('button', { name: 'Confirmer le rendez-vous' }));
    await expect.visible(page.getByText(/Ce code n'est pas le bon/).first());
    await page.getByLabel('Code reçu').fill(code);
    await click(page.getByRole('button', { name: 'Confirmer le rendez-vous' }));
    await expect.text(page.getByRole('status').first(), /Votre rendez-vous est pris/);
    const manage = new URL(page.url());

    // The calendar file.
    const href = await page.getByRole('link', { name: /Télécharger le rendez-vous pour votre agenda/ }).getAttribute('href');
    const ics = await page.request.get(baseURL + href);
    await expect.equal(ics.headers()['content-type'], 'text/calendar; charset=utf-8', 'the ICS type');
    const body = await ics.text();
    await expect.equal(body.startsWith('BEGIN:VCALENDAR\r\n') && body.includes('\r\nDTSTAMP:') && body.includes('\r\nUID:'),
      true, 'an RFC 5545 calendar');

    // Move it to another slot.
    await click(page.getByRole('link', { name: 'Déplacer le rendez-vous' }));
    await page.getByRole('radio').nth(1).check();
    await click(page.getByRole('button', { name: 'Déplacer le rendez-vous' }));
    await expect.text(page.getByRole('status').first(), /Votre rendez-vous est déplacé/);

    // Another token finds nothing.
    const wrong = await page.request.get(baseURL + '/rendez-vous/gerer/' + 'A'.repeat(43));
    await expect.equal(wrong.status(), 404, 'another link');

    await visit(manage.pathname);
    await click(page.getByRole('button', { name: 'Annuler le rendez-vous' }));
    await expect.text(page.getByRole('status').first(), /Votre rendez-vous est annulé/);
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Rendez-vous annulé' }));
  },
};

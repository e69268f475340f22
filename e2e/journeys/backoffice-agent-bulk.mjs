import { signInStaff } from '../lib/sign-in.mjs';
import { signIn, signOut, sendPrimeNaissance } from '../lib/prime-naissance.mjs';

// An agent works on several dossiers at once: a person sends two
// "prime à la naissance"; the CAF agent ticks both in the list of
// dossiers nobody has yet, takes them in one action, reads what was done,
// finds them under "attribués à moi", and downloads that list as CSV.
// The procedure's owner then reads its figures.
export default {
  name: 'backoffice: an agent takes two dossiers at once and downloads the list',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts, baseURL } = h;
    await signIn(h, accounts.citizen);
    const first = await sendPrimeNaissance(h);
    const second = await sendPrimeNaissance(h);
    await signOut(h);

    await signInStaff(h, accounts.agent);
    await visit('/espace/caf/dossiers');
    await page.getByLabel('Démarche', { exact: true }).selectOption('prime-naissance');
    await page.getByLabel('Attribués à').selectOption('personne');
    await click(page.getByRole('button', { name: 'Afficher' }));
    await page.getByLabel(`Choisir le dossier ${first.ref}`).check();
    await page.getByLabel(`Choisir le dossier ${second.ref}`).check();
    await page.getByLabel('Les prendre en charge').check();
    await click(page.getByRole('button', { name: 'Appliquer aux dossiers choisis' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Résultat de l'action/ }));
    await expect.text(page.getByRole('status'), /2 dossiers faits, 0 dossier laissé tel quel/);
    await expect.visible(page.getByRole('link', { name: `Dossier ${first.ref}` }));

    await visit('/espace/caf/dossiers?attribue=moi&demarche=prime-naissance');
    await expect.text(page.getByRole('table'), first.ref);
    await expect.text(page.getByRole('table'), second.ref);
    const href = await page.getByRole('link', { name: 'en CSV pour un tableur' }).getAttribute('href');
    const csv = await page.request.get(new URL(href, baseURL).toString());
    await expect.equal(csv.status(), 200, 'status of the CSV export');
    const text = await csv.text();
    await expect.equal(text.includes(first.ref) && text.includes(second.ref), true, 'both dossiers in the CSV');
    await expect.equal(text.split('\n')[0].includes('Votre adresse e-mail'), true, 'the form\'s labels as columns');
    await signOut(h);

    await signInStaff(h, accounts.procedure_owner);
    await visit('/espace/caf/demarches/prime-naissance/chiffres');
    await expect.visible(page.getByRole('table', { name: /Dossiers par mois/ }));
    await expect.text(page.getByRole('main'), /dossiers reçus/);
  },
};

import { signInStaff } from '../lib/sign-in.mjs';

// Dites-le-nous une fois: a person declares their new address once, for the
// CAF, the CPAM and the DGFiP; the form knows their current address; one
// reference covers the three; the CAF's agent takes it into account; the
// person follows each administration and reads who used their data.
async function signIn({ page, visit, click }, me) {
  await visit('/connexion');
  await page.getByLabel('Adresse e-mail').fill(me.email);
  await page.getByLabel('Mot de passe').fill(me.password);
  await click(page.getByRole('button', { name: 'Se connecter' }));
}

async function signOut({ page, click }) {
  await click(page.getByRole('button', { name: /Se déconnecter/ }));
}

async function next({ page, click }) {
  await click(page.getByRole('button', { name: 'Continuer', exact: true }));
}

export default {
  name: 'tell us once: a change of address sent to three administrations, one acknowledging',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    await signIn(h, accounts.citizen);
    await visit('/demarches/changement-adresse/commencer');
    await expect.path(/\/mes-demarches\/\d+\/etape\/1$/);
    const dossier = new URL(page.url()).pathname.replace(/\/etape\/1$/, '');
    // What the profile knows is there already, said so beside the field.
    await expect.text(page.getByRole('main'), /Déjà connu, vérifiez/);
    const known = await page.getByLabel('Numéro et rue').inputValue();
    await expect.equal(known.length > 0, true, 'current address pre-filled');
    await next(h);
    await page.getByLabel('Numéro et rue').fill('1 place Lazare Goujon');
    await page.getByLabel('Code postal').fill('69100');
    await page.getByLabel('Commune').fill('Villeurbanne');
    await next(h);
    await page.getByLabel('Jour').fill('1');
    await page.getByLabel('Mois').fill('4');
    await page.getByLabel('Année').fill('2026');
    await next(h);
    // The CAF shares data with the person: ticked already.
    await expect.equal(await page.getByLabel('La CAF').isChecked(), true, 'the CAF pre-ticked');
    await page.getByLabel(/Assurance maladie/).check();
    await page.getByLabel(/impôts/).check();
    await next(h);
    await expect.path(`${dossier}/verifier`);
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(`${dossier}/recu`);
    const ref = (await page.locator('.reference').first().textContent()).trim();
    await signOut(h);

    // The CAF's agent finds it in the queue and takes it into account.
    await signInStaff(h, accounts.agent);
    await visit('/espace/caf');
    await click(page.getByRole('link', { name: /changements d'adresse/ }));
    await expect.text(page.getByRole('main'), /1 place Lazare Goujon/);
    await click(page.getByRole('button', { name: `Pris en compte : ${ref}` }));
    await expect.text(page.getByRole('status').first(), /pris en compte/);
    await signOut(h);

    // The person follows each administration under the one reference.
    await signIn(h, accounts.citizen);
    await visit(dossier);
    await expect.visible(page.getByRole('heading', { name: 'Organismes prévenus de votre changement' }));
    await expect.text(page.getByRole('table', { name: 'Où en est chaque envoi' }), /Reçu et pris en compte/);
    await expect.text(page.getByRole('table', { name: 'Où en est chaque envoi' }), /Envoyé, en attente/);
    await visit('/compte/acces');
    await expect.text(page.getByRole('table'), /Changement reçu/);
    await expect.text(page.getByRole('table'), /nouvelle adresse/);
  },
};

// A person starts "prime à la naissance" online: a condition (a SIRET for those who work on
// their own account), a wrong IBAN, a draft saved and resumed after signing in again, the
// review, the receipt with its reference, and "Mes démarches".
async function signIn({ page, click }, me) {
  await page.getByLabel('Adresse e-mail').fill(me.email);
  await page.getByLabel('Mot de passe').fill(me.password);
  await click(page.getByRole('button', { name: 'Se connecter' }));
}

async function next({ page, click }) {
  await click(page.getByRole('button', { name: 'Continuer', exact: true }));
}

export default {
  name: 'dossier: prime-naissance from start to receipt, resumed after signing in again',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    const me = accounts.citizen;
    await visit('/demarches/prime-naissance');
    await click(page.getByRole('link', { name: 'Faire la démarche en ligne' }));
    await expect.path('/connexion');
    await signIn(h, me);
    await expect.path(/\/mes-demarches\/\d+\/etape\/1$/);
    await expect.text(page.getByRole('status').first(), /Étape 1 sur 6/);
    const draft = new URL(page.url()).pathname.replace(/\/etape\/1$/, '');

    await page.getByLabel(/numéro d'allocataire/).fill('1234567');
    await next(h);
    const year = String(new Date().getFullYear() + 1);
    await page.getByLabel('Jour').fill('15');
    await page.getByLabel('Mois').fill('6');
    await page.getByLabel('Année').fill(year);
    await next(h);
    // The condition: working on one's own account asks for a SIRET.
    await page.getByLabel('Je travaille à mon compte').check();
    await next(h);
    await expect.text(page.getByRole('status').first(), /Étape 4 sur 7/);
    await page.getByLabel(/SIRET/).fill('732 829 320 00074');
    // Interrupted: saved, signed out, then the start link again after signing in.
    await click(page.getByRole('button', { name: 'Enregistrer et continuer plus tard' }));
    await expect.path(draft);
    await expect.text(page.getByRole('status').first(), /brouillon est enregistré/);
    await click(page.getByRole('button', { name: /Se déconnecter/ }));
    await visit('/demarches/prime-naissance/commencer');
    await expect.path('/connexion');
    await signIn(h, me);
    await expect.path(`${draft}/etape/4`);
    await expect.equal(await page.getByLabel(/SIRET/).inputValue(), '73282932000074', 'SIRET kept in the draft');
    await next(h);
    await page.getByLabel(/Combien votre foyer/).fill('25000');
    await next(h);
    // A wrong IBAN: the page says so and keeps what was typed.
    await page.getByLabel(/Sur quel compte/).fill('FR76 3000 6000 0112 3456 7890 180');
    await next(h);
    await expect.visible(page.getByRole('alert'));
    await expect.equal(await page.getByLabel(/Sur quel compte/).inputValue(), 'FR76 3000 6000 0112 3456 7890 180', 'IBAN kept');
    await page.getByLabel(/Sur quel compte/).fill('FR76 3000 6000 0112 3456 7890 189');
    await next(h);
    await page.getByLabel('Votre adresse e-mail').fill(me.email);
    await next(h);
    await expect.path(`${draft}/verifier`);
    await expect.visible(page.getByRole('heading', { name: 'Vérifiez vos réponses' }));
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(`${draft}/recu`);
    const ref = (await page.locator('.reference').first().textContent()).trim();
    await expect.equal(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/.test(ref), true, `reference ${ref}`);

    await visit('/mes-demarches');
    await expect.visible(page.getByText(ref));
    // The start link again opens a new draft, never a second one at once.
    await visit('/demarches/prime-naissance/commencer');
    await expect.path(/\/etape\/1$/);
    const second = page.url();
    await visit('/demarches/prime-naissance/commencer');
    await expect.equal(page.url(), second, 'same draft on the second start');
  },
};

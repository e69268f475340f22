// Helpers of the back-office journeys: a citizen signs in and out, and
// sends the demo "prime à la naissance" of the CAF.

export async function signIn({ page, visit, click }, me) {
  await visit('/connexion');
  await page.getByLabel('Adresse e-mail').fill(me.email);
  await page.getByLabel('Mot de passe').fill(me.password);
  await click(page.getByRole('button', { name: 'Se connecter' }));
}

export async function signOut({ page, click }) {
  await click(page.getByRole('button', { name: /Se déconnecter/ }));
}

async function next({ page, click }) {
  await click(page.getByRole('button', { name: 'Continuer', exact: true }));
}

// sendPrimeNaissance fills prime-naissance from its first page and sends
// it; it returns the dossier's address and reference.
export async function sendPrimeNaissance(h) {
  const { page, visit, click, expect } = h;
  await visit('/demarches/prime-naissance/commencer');
  const dossier = new URL(page.url()).pathname.replace(/\/etape\/\d+$/, '');
  await visit(`${dossier}/etape/1`);
  await page.getByLabel(/numéro d'allocataire/).fill('7654321');
  await next(h);
  await page.getByLabel('Jour').fill('10');
  await page.getByLabel('Mois').fill('3');
  await page.getByLabel('Année').fill(String(new Date().getFullYear() + 1));
  await next(h);
  await page.getByLabel('Je suis salarié').check();
  await next(h);
  await page.getByLabel(/Combien votre foyer/).fill('30000');
  await next(h);
  await page.getByLabel(/Sur quel compte/).fill('FR76 3000 6000 0112 3456 7890 189');
  await next(h);
  await page.getByLabel('Votre adresse e-mail').fill('ancienne@exemple.fr');
  await next(h);
  await expect.path(`${dossier}/verifier`);
  await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
  await expect.path(`${dossier}/recu`);
  const ref = (await page.locator('.reference').first().textContent()).trim();
  return { dossier, ref };
}

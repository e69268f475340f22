import { signInStaff } from '../lib/sign-in.mjs';

// The back office from end to end: a person sends "prime à la naissance",
// the CAF agent (on the procedure's team in the demo) finds it in the queue
// and takes it, asks for a correction of the e-mail address, the person
// corrects it, and the agent accepts the dossier with a motive.
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

// send fills prime-naissance from its first page and sends it; it returns
// the dossier's address and reference.
async function send(h) {
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

export default {
  name: 'backoffice: an agent takes a dossier, asks for a correction, then decides',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    await signIn(h, accounts.citizen);
    const { dossier, ref } = await send(h);
    await signOut(h);

    await signInStaff(h, accounts.agent);
    await visit('/espace/caf');
    await click(page.getByRole('link', { name: /Les dossiers à traiter/ }));
    await page.getByLabel(/Référence ou nom/).fill(ref);
    await click(page.getByRole('button', { name: 'Afficher' }));
    await click(page.getByRole('link', { name: ref }));
    const agentPage = new URL(page.url()).pathname;
    await click(page.getByRole('button', { name: 'Prendre le dossier en charge' }));
    await expect.text(page.getByRole('main'), /État : En cours de traitement/);
    await page.getByLabel('Il manque une information ou un document').check();
    await page.getByLabel('email', { exact: true }).check();
    await page.getByLabel('Message à la personne').fill('Donnez une adresse e-mail que vous lisez.');
    await click(page.getByRole('button', { name: 'Demander la correction' }));
    await expect.text(page.getByRole('main'), /État : À corriger/);
    await signOut(h);

    await signIn(h, accounts.citizen);
    await visit(`${dossier}/corriger`);
    await page.getByLabel('Votre adresse e-mail').fill('nouvelle@exemple.fr');
    await click(page.getByRole('button', { name: 'Envoyer la correction' }));
    await signOut(h);

    await signInStaff(h, accounts.agent);
    await visit(agentPage);
    await expect.text(page.getByRole('main'), /nouvelle@exemple\.fr/);
    await page.getByLabel('Accepté', { exact: true }).check();
    await page.getByLabel('Motif de la décision').fill('Votre dossier est complet : la prime sera versée sous 15 jours.');
    await click(page.getByRole('button', { name: 'Enregistrer la décision' }));
    await expect.text(page.getByRole('main'), /État : Accepté/);
  },
};

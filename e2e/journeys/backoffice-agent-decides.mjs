import { signInStaff } from '../lib/sign-in.mjs';
import { signIn, signOut, sendPrimeNaissance } from '../lib/prime-naissance.mjs';

// The back office from end to end: a person sends "prime à la naissance",
// the CAF agent (on the procedure's team in the demo) finds it in the queue
// and takes it, asks for a correction of the e-mail address, the person
// corrects it, and the agent accepts the dossier with a motive.
export default {
  name: 'backoffice: an agent takes a dossier, asks for a correction, then decides',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    await signIn(h, accounts.citizen);
    const { dossier, ref } = await sendPrimeNaissance(h);
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
    await page.getByLabel('Votre adresse e-mail', { exact: true }).check();
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

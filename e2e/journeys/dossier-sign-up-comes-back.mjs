import { waitForMail } from '../lib/mail.mjs';

// A person without an account follows "Faire la démarche en ligne", creates an account from
// the sign-in page, confirms their address with the link e-mailed to them, signs in, and
// lands on the procedure they started: their first step.
export default {
  name: 'dossier: a person signs up from a procedure and comes back to it',
  timeout: 120_000,
  async run({ page, visit, click, expect, dataDir, js }) {
    const email = `zoe.${js ? 'js' : 'sansjs'}.${Date.now()}@exemple.fr`;
    const password = 'une phrase assez longue';
    await visit('/demarches/prime-naissance');
    await click(page.getByRole('link', { name: 'Faire la démarche en ligne' }));
    await expect.path('/connexion');
    await click(page.getByRole('link', { name: 'Créer un compte' }));
    await expect.path('/inscription');
    await page.getByLabel('Votre nom et prénom').fill('Zoé Martin');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await click(page.getByRole('button', { name: 'Créer mon compte' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Confirmez votre adresse e-mail' }));

    // The link of the e-mail carries the way back.
    const body = await waitForMail(dataDir, email, /\/inscription\/confirmer\?/);
    const link = new URL(body.match(/https?:\/\/\S+\/inscription\/confirmer\?\S+/)[0]);
    expect.equal(link.searchParams.get('suite'), '/demarches/prime-naissance/commencer', 'the way back in the link');
    await visit(link.pathname + link.search);
    await click(page.getByRole('button', { name: 'Confirmer mon adresse' }));
    await expect.text(page.getByRole('status').first(), /adresse est confirmée/);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await expect.path(/^\/mes-demarches\/\d+\/etape\/1$/);
    await expect.text(page.getByRole('status').first(), /Étape 1 sur/);
  },
};

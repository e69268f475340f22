import { signInStaff } from '../lib/sign-in.mjs';
import { waitForMail } from '../lib/mail.mjs';

// The observatory notes a listening workshop and what a participant said of
// the RSA; the CAF's owner reads it on the procedure's feedback page and
// turns it into an action; someone follows the action from the public board
// by e-mail and confirms their address from the e-mail's link; the owner
// moves it on, and the board shows its new state (the e-mail to the
// follower is checked by the Go tests).
let run = 0;

export default {
  name: 'écoute: a workshop verbatim becomes an action that a follower is told about',
  timeout: 300_000,
  async run(h) {
    const { page, visit, click, expect, accounts } = h;
    run++;
    const said = `La page demande un numéro fiscal que je n'ai pas (${run}).`;
    const title = `Expliquer où trouver le numéro fiscal ${run}`;

    await signInStaff(h, accounts.observatory);
    await visit('/espace/observatoire');
    await click(page.getByRole('link', { name: /Les ateliers d'écoute/ }));
    await page.getByLabel('Date de l\'atelier').fill('2026-03-02');
    await page.getByLabel('Lieu', { exact: true }).fill('Centre social Bonnefoi');
    await page.getByLabel('Animé par').fill('Amina Diallo');
    await page.getByLabel('Nombre de participants').fill('8');
    await page.getByLabel('Éloignés du numérique').fill('5');
    await click(page.getByRole('button', { name: 'Enregistrer l\'atelier' }));
    const workshop = page.getByRole('article').first();
    await workshop.getByLabel('Démarche dont parle le participant').selectOption('rsa');
    await workshop.getByLabel(/Étape de la démarche/).fill('Ressources');
    await workshop.getByLabel('Ce qu\'a dit le participant, mot pour mot').fill(said);
    await click(workshop.getByRole('button', { name: 'Ajouter la parole' }));
    await expect.text(page.getByRole('main'), said);
    await click(page.getByRole('button', { name: /Se déconnecter/ }));

    await signInStaff(h, accounts.procedure_owner);
    await visit('/espace/caf/demarches/rsa/avis');
    const item = page.getByRole('listitem').filter({ hasText: said });
    await click(item.getByRole('link', { name: 'En faire une action' }));
    await page.getByLabel('Titre de l\'action').fill(title);
    await page.getByLabel('Indicateur que l\'action doit faire bouger').selectOption('clarte');
    await click(page.getByRole('button', { name: 'Créer l\'action' }));
    await expect.text(page.getByRole('status'), 'C\'est enregistré');

    await visit('/demarches/rsa/actions');
    await page.getByLabel(`Votre e-mail pour suivre « ${title} »`).fill(`suivi${run}@exemple.fr`);
    await click(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) })
      .getByRole('button', { name: 'Suivre cette action' }).first());
    await expect.text(page.getByRole('status'), 'nous vous avons envoyé un e-mail');
    // The follower counts once they confirm their address from the e-mail.
    const mail = await waitForMail(h.dataDir, `suivi${run}@exemple.fr`, /\/actions\/suivi\/[0-9a-f]+\/confirmer/);
    await visit(mail.match(/\/actions\/suivi\/[0-9a-f]+\/confirmer/)[0]);
    await click(page.getByRole('button', { name: 'Confirmer mon adresse' }));
    await expect.text(page.getByRole('status'), 'est confirmé');

    await visit('/espace/caf/actions');
    const mine = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });
    await mine.getByLabel(`Nouvel état de « ${title} »`).selectOption('en_cours');
    await mine.getByLabel('Avancement en pourcentage').fill('30');
    await click(mine.getByRole('button', { name: 'Enregistrer l\'état' }));
    await expect.text(page.getByRole('status'), 'reçoivent un e-mail');

    await visit('/demarches/rsa/actions');
    const onBoard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) }).first();
    await expect.text(onBoard, 'En cours');
    await expect.text(onBoard, '30 %');
  },
};

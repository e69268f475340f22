import { signInStaff } from '../lib/sign-in.mjs';

// The CAF's procedure owner rewords the SMS sent when a dossier is received:
// "Vérifier" shows the encoding and the part count, an unknown placeholder
// is refused, and the template is saved as a new version.
export default {
  name: 'notify: a procedure owner words the SMS of a received dossier',
  timeout: 120_000,
  async run(helpers) {
    const { page, visit, click, expect, accounts, js } = helpers;
    await signInStaff(helpers, accounts.procedure_owner);

    await visit('/espace/caf');
    await click(page.getByRole('link', { name: /quand une demande avance/ }));
    await click(page.getByRole('link', { name: 'Modifier le message « Dossier reçu » par SMS' }));
    await expect.visible(page.getByRole('heading', { level: 1, name: /Dossier reçu : SMS/ }));

    const body = page.getByRole('textbox', { name: 'Texte du message' });
    await body.fill('Bonjour ((nom)), votre demande ((reference)) est reçue.');
    await click(page.getByRole('button', { name: 'Enregistrer' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));

    await page.getByRole('textbox', { name: 'Texte du message' }).fill('Votre demande ((reference)) est prête, « merci ».');
    await page.getByLabel(/Les garder/).check();
    // With JavaScript, the count follows the typing; without, "Vérifier" gives it.
    if (js) await expect.text(page.locator('#sms-count'), /Unicode, 1 partie/);
    await click(page.getByRole('button', { name: 'Vérifier' }));
    await expect.text(page.locator('#sms-count'), /Unicode, 1 partie/);

    await page.getByLabel(/Les remplacer/).check();
    await click(page.getByRole('button', { name: 'Enregistrer' }));
    await expect.text(page.getByRole('status').first(), /Modèle enregistré \(version \d+\)/);
    await expect.text(page.locator('#sms-count'), /alphabet SMS, 1 partie/);
  },
};

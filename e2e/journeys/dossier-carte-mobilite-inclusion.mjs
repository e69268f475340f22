// A person asks for a mobility card online and joins documents: a file too large is refused
// beside its field with the rest of the page kept, a good file is taken, the dossier is sent.
function pdf(size) {
  const head = Buffer.from('%PDF-1.4\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

export default {
  name: 'dossier: carte-mobilite-inclusion with files, one too large',
  timeout: 300_000,
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));
    await visit('/demarches/carte-mobilite-inclusion/commencer');
    await expect.path(/\/etape\/1$/);

    await page.getByLabel('Stationnement').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Non').check();
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));

    // Documents: the identity document is over its 5 Mo limit.
    await page.getByLabel(/certificat médical/).setInputFiles({ name: 'certificat.pdf', mimeType: 'application/pdf', buffer: pdf(20000) });
    await page.getByLabel(/pièce d'identité/).setInputFiles({ name: 'identite.pdf', mimeType: 'application/pdf', buffer: pdf(6 * 1024 * 1024) });
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await expect.visible(page.getByRole('alert'));
    await expect.text(page.getByRole('alert'), /5 Mo au plus/);
    // The certificate sent with it was kept.
    await expect.visible(page.getByText(/certificat\.pdf/).first());
    await page.getByLabel(/pièce d'identité/).setInputFiles({ name: 'identite.pdf', mimeType: 'application/pdf', buffer: pdf(30000) });
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));

    await page.getByLabel('Numéro et rue').fill('3 place Lazare-Goujon');
    await page.getByLabel('Code postal').fill('69100');
    await page.getByLabel('Commune').fill('Villeurbanne');
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await page.getByLabel('Votre adresse e-mail').fill(me.email);
    await click(page.getByRole('button', { name: 'Continuer', exact: true }));
    await expect.visible(page.getByText('identite.pdf').first());
    await click(page.getByRole('button', { name: 'Envoyer', exact: true }));
    await expect.path(/\/recu$/);
    await click(page.getByRole('link', { name: 'Suivre ce dossier' }));
    await expect.visible(page.getByRole('link', { name: 'certificat.pdf' }));
  },
};

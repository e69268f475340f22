// A person gives their opinion on a procedure from its page, without an account; the same
// address may give 5 opinions an hour, and a sixth is refused politely. Both runs (with and
// without JavaScript) come from one address, so the answers kept are counted across them.
let kept = 0;

export default {
  name: 'avis: give feedback on a procedure, the sixth in the hour refused',
  async run({ page, visit, click, expect }) {
    await visit('/demarches/carte-vitale');
    await click(page.getByRole('link', { name: /Donnez votre avis sur la démarche/ }));
    await expect.path('/demarches/carte-vitale/avis');
    await expect.visible(page.getByRole('heading', { level: 1, name: /Donnez votre avis/ }));

    // Sent empty, the form lists what is missing.
    await click(page.getByRole('button', { name: 'Envoyer mon avis' }));
    const summary = page.getByRole('alert');
    await expect.text(summary, 'Choisissez votre appréciation');
    await expect.title(/^Erreur : /);

    let refused = false;
    for (let i = 0; i < 6 && !refused; i++) {
      if (i > 0) await visit('/demarches/carte-vitale/avis');
      await page.getByRole('radio', { name: 'Bonne', exact: true }).check();
      await page.getByRole('radio', { name: '4 – Claires' }).check();
      await page.getByRole('checkbox', { name: 'Par téléphone' }).check();
      await page.getByRole('combobox', { name: /obtenir \? \(Par téléphone\)/ }).selectOption('oui');
      await page.getByRole('combobox', { name: /Qualité de cette aide \(Par téléphone\)/ }).selectOption('4');
      await page.getByLabel(/Voulez-vous ajouter quelque chose/).fill('Rapide. Mon numéro : 06 12 34 56 78');
      await click(page.getByRole('button', { name: 'Envoyer mon avis' }));
      if (await page.getByRole('heading', { level: 1, name: 'Merci pour votre avis' }).count()) {
        kept++;
        await expect.text(page.getByRole('status'), 'bien enregistré');
      } else {
        refused = true;
        await expect.visible(page.getByRole('heading', { level: 1, name: 'Merci, vos avis sont déjà enregistrés' }));
        await expect.text(page.getByRole('main'), 'Ils sont bien enregistrés');
        await expect.visible(page.getByRole('link', { name: 'Revenir à la démarche' }));
      }
    }
    await expect.equal(refused, true, 'a sixth answer in the hour was refused');
    await expect.equal(kept, 5, 'answers kept from this address in the hour');
  },
};

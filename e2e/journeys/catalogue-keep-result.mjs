// A signed-in person keeps a "Mes droits" result, finds it from their account, and deletes it.
const answers = 'age=70&couple=non&enfants=0&grossesse=non&ressources_mensuelles=800&logement=locataire' +
  '&activite=retraite&handicap=non&residence_reguliere=oui';

export default {
  name: 'catalogue: a signed-in person keeps and deletes a Mes droits result',
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));

    await visit(`/mes-droits/resultat?${answers}`);
    await expect.visible(page.getByRole('link', { name: /allocation de solidarité aux personnes âgées|Aspa/i }).first());
    await click(page.getByRole('button', { name: 'Garder ce résultat' }));
    await expect.path('/mes-droits/gardes');
    await expect.text(page.getByRole('status').first(), /Votre résultat est gardé/);

    await visit('/compte');
    await click(page.getByRole('link', { name: /résultats « Mes droits »/ }));
    await expect.path('/mes-droits/gardes');
    const kept = page.getByRole('heading', { level: 2, name: /Résultat du/ });
    const before = await kept.count();
    await click(page.getByRole('button', { name: /Supprimer/ }).first());
    await expect.path('/mes-droits/gardes');
    await expect.equal(await kept.count(), before - 1, 'results kept after deleting one');
  },
};

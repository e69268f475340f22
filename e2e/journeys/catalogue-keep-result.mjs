// A signed-in person answers "Mes droits", keeps the result, finds it from their account,
// opens it again and deletes it.
const answers = [
  ['Quel âge avez-vous ?', { fill: '70' }],
  ['Vivez-vous en couple ?', { choose: 'Non' }],
  ["Combien d'enfants vivent avec vous et sont à votre charge ?", { fill: '0' }],
  ['Attendez-vous un enfant ?', { choose: 'Non' }],
  ["Combien d'argent votre foyer reçoit-il chaque mois ?", { fill: '800' }],
  ['Où habitez-vous ?', { choose: /locataire/ }],
  ['Quelle est votre situation en ce moment ?', { choose: /retraite/i }],
  [/Avez-vous un handicap reconnu/, { choose: 'Non' }],
  [/Êtes-vous français ou européen/, { choose: 'Oui' }],
];

export default {
  name: 'catalogue: a signed-in person keeps and deletes a Mes droits result',
  async run({ page, visit, click, expect, accounts }) {
    const me = accounts.citizen;
    await visit('/connexion');
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe').fill(me.password);
    await click(page.getByRole('button', { name: 'Se connecter' }));

    await visit('/mes-droits');
    await click(page.getByRole('button', { name: 'Commencer' }));
    while (new URL(page.url()).pathname === '/mes-droits/questions') {
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      const found = answers.find(([q]) => (typeof q === 'string' ? heading === q : q.test(heading)));
      if (!found) throw new Error(`unexpected question ${heading}`);
      const [, answer] = found;
      if (answer.fill) await page.getByRole('textbox').fill(answer.fill);
      else await page.getByRole('radio', { name: answer.choose }).check();
      await click(page.getByRole('button', { name: 'Continuer' }));
    }
    await expect.path('/mes-droits/resultat');
    await expect.visible(page.getByRole('link', { name: /allocation de solidarité aux personnes âgées|Aspa/i }).first());
    await click(page.getByRole('button', { name: 'Garder ce résultat' }));
    await expect.path('/mes-droits/gardes');
    await expect.text(page.getByRole('status').first(), /Votre résultat est gardé/);

    await visit('/compte');
    await click(page.getByRole('link', { name: /résultats « Mes droits »/ }));
    await expect.path('/mes-droits/gardes');
    const kept = page.getByRole('heading', { level: 2, name: /Résultat du/ });
    const before = await kept.count();
    await click(kept.first().getByRole('link'));
    await expect.path(/^\/mes-droits\/gardes\/\d+$/);
    await expect.visible(page.getByRole('link', { name: /allocation de solidarité aux personnes âgées|Aspa/i }).first());
    await click(page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Mes résultats gardés' }));
    await click(page.getByRole('button', { name: /Supprimer/ }).first());
    await expect.path('/mes-droits/gardes');
    await expect.equal(await kept.count(), before - 1, 'results kept after deleting one');
  },
};

// "Mes droits": one question per page, the answers posted and never in the page's address, the
// back button walking the questions, then a result that lists what the person may be entitled
// to and leads to the procedure.
const answers = [
  ['Quel âge avez-vous ?', { fill: '30' }],
  ['Vivez-vous en couple ?', { choose: 'Non' }],
  ["Combien d'enfants vivent avec vous et sont à votre charge ?", { fill: '0' }],
  ['Attendez-vous un enfant ?', { choose: 'Non' }],
  ["Combien d'argent votre foyer reçoit-il chaque mois ?", { fill: '200' }],
  ['Où habitez-vous ?', { choose: /locataire/ }],
  ['Quelle est votre situation en ce moment ?', { choose: 'Je cherche un emploi' }],
  [/Avez-vous un handicap reconnu/, { choose: 'Non' }],
  [/Êtes-vous français ou européen/, { choose: 'Oui' }],
];

export default {
  name: 'catalogue: Mes droits leads to a result and a procedure',
  async run({ page, visit, click, checkpoint, expect }) {
    await visit('/mes-droits');
    await click(page.getByRole('button', { name: 'Commencer' }));
    await expect.text(page.getByRole('main'), 'Question 1 sur');
    await expect.title('Question 1 : Quel âge avez-vous ?');
    await expect.text(page.getByRole('main'), 'Réponse obligatoire');

    // Continuing without an answer asks for one, on the same question.
    await click(page.getByRole('button', { name: 'Continuer' }));
    await expect.visible(page.getByRole('heading', { name: 'Il y a un problème' }));

    for (const [i, [question, answer]] of answers.entries()) {
      await expect.visible(page.getByRole('heading', { level: 1, name: question }));
      await expect.text(page.getByRole('main'), `Question ${i + 1} sur`);
      if (answer.fill) await page.getByRole('textbox', { name: question }).fill(answer.fill);
      else await page.getByRole('radio', { name: answer.choose }).check();
      await click(page.getByRole('button', { name: 'Continuer' }));
      // Income and disability answers must never travel in the address.
      // The address names at most the question asked, never an answer.
      const params = [...new URL(page.url()).searchParams.keys()];
      await expect.equal(params.filter((k) => k !== 'question'), [], 'parameters other than the question');
      if (i === 1) {
        // The back button shows the question before, its answer kept, with no form resent.
        await page.goBack({ waitUntil: 'load' });
        await checkpoint();
        await expect.visible(page.getByRole('heading', { level: 1, name: 'Vivez-vous en couple ?' }));
        await expect.equal(await page.getByRole('radio', { name: 'Non' }).isChecked(), true, 'the answer kept');
        await page.goForward({ waitUntil: 'load' });
        await checkpoint();
      }
    }

    await expect.path('/mes-droits/resultat');
    await expect.equal(new URL(page.url()).search, '', 'the result address');
    await expect.visible(page.getByRole('heading', { level: 1, name: 'Mes droits : le résultat' }));
    await expect.title('Mes droits : le résultat');
    await expect.text(page.getByRole('main'), /a priori/);
    await click(page.getByRole('link', { name: /Revenu de solidarité active|RSA/ }).first());
    await expect.path('/demarches/rsa');
  },
};

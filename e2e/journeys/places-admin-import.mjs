import { signInStaff } from '../lib/sign-in.mjs';

// The platform operator imports a file with a broken row: the good rows go in,
// the broken one is listed with its line and reason.
const file = [
  'id,pivot,nom,commune,code_postal,adresse,latitude,longitude,horaires,date_maj,source',
  'e2e-1,21690266800013,Espace numérique des essais,Villeurbanne,69100,1 rue des Essais,45.77,4.88,Mo-Fr 09:00-17:00,2024-04-01,e2e',
  'e2e-2,21690266800013,Lieu au code postal faux,Villeurbanne,691,2 rue des Essais,45.77,4.88,,2024-04-01,e2e',
].join('\n');

export default {
  name: 'places: the operator imports a file with a broken row',
  async run(helpers) {
    const { page, visit, click, expect, accounts } = helpers;
    await signInStaff(helpers, accounts.admin);

    await visit('/admin/lieux/import');
    await page.getByLabel('Fichier des lieux').setInputFiles({ name: 'lieux.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await click(page.getByRole('button', { name: 'Importer' }));
    await expect.visible(page.getByRole('heading', { level: 2, name: /Import terminé : \d+ lieux? ajoutés?, \d+ mis à jour, 1 refusé/ }));
    const rejected = page.getByRole('table', { name: /Problèmes des lignes refusées/ });
    await expect.text(rejected, /ligne 3/);
    await expect.text(rejected, /code_postal/);
  },
};

/**
 * signInStaff signs a staff account in with its password, then a TOTP code
 * computed from its demo secret (totp() never hands out a 30-second step
 * already used in the run: the server accepts each code once).
 */
export async function signInStaff({ page, visit, click, totp }, account) {
  await visit('/connexion');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await click(page.getByRole('button', { name: 'Se connecter' }));
  await page.getByLabel('Code à 6 chiffres').fill(totp(account.totpSecret));
  await click(page.getByRole('button', { name: 'Valider' }));
  if (new URL(page.url()).pathname.startsWith('/connexion')) {
    throw new Error(`the second factor of ${account.email} was refused`);
  }
}

package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/identity"
)

// user runs `guichet user create`: an account made from the command line,
// for the first administrator of an instance.
func user(ctx context.Context, args []string, e env) error {
	c := newCommand("user create", "guichet user create --email E --role R [--org SLUG] [--name N] [options]",
		"Crée un compte. Le mot de passe (12 caractères au moins) est lu dans GUICHET_PASSWORD,\n"+
			"sinon sur l'entrée standard. Un compte d'agent active sa double authentification à sa première connexion.",
		config.Storage, e)
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			c.printUsage(e.stdout)
			return nil
		}
		return c.usageError("la seule sous-commande est « guichet user create »")
	}
	email := c.stringFlag("email", "adresse e-mail (identifiant de connexion)")
	role := c.stringFlag("role", "citizen, mediator, agent, procedure_owner, observatory ou admin")
	org := c.stringFlag("org", "organisation (son identifiant court) ; pour admin, créée si elle n'existe pas")
	name := c.stringFlag("name", "nom complet")
	if err := c.parseNone(args[1:], e); err != nil {
		return err
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	password, err := readPassword(e)
	if err != nil {
		return err
	}
	st, err := app.OpenStorage(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	ids := st.Identity()
	if *org != "" && identity.Role(*role) == identity.RoleAdmin {
		if _, err := ids.OrganisationBySlug(ctx, *org); err != nil {
			if _, err := ids.CreateOrganisation(ctx, *org, *org, identity.KindAdministration); err != nil {
				return err
			}
			// An organisation made for an administrator from the command
			// line is the platform's own: this is how the first platform
			// administrator is made.
			if err := ids.SetPlatformOrganisation(ctx, *org); err != nil {
				return err
			}
		}
	}
	u, err := ids.CreateUser(ctx, identity.NewUser{Email: *email, Name: *name, Password: password,
		Role: identity.Role(*role), OrgSlug: *org})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "compte %d créé pour %s (%s)\n", u.ID, u.Email, *role)
	if u.IsStaff() {
		fmt.Fprintln(e.stdout, "ce compte d'agent activera sa double authentification (TOTP) à sa première connexion")
	}
	return nil
}

// readPassword takes the password from GUICHET_PASSWORD, or else from the
// standard input, so that it never shows in the process list.
func readPassword(e env) (string, error) {
	if p := e.getenv("GUICHET_PASSWORD"); p != "" {
		return p, nil
	}
	fmt.Fprint(e.stderr, "Mot de passe (12 caractères au moins) : ")
	b, err := io.ReadAll(io.LimitReader(e.stdin, 1024))
	if err != nil {
		return "", fmt.Errorf("le mot de passe n'a pas pu être lu : %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// Package demo loads the demonstration organisations, accounts and content
// of `guichet serve --demo`: everything demo lives here, one file per module
// (accounts here, places.go, catalogue.go), written through each module's
// public methods, so that production packages carry no demo data. Loading is
// idempotent: what exists is kept.
package demo

import (
	"context"
	"fmt"
	"guichet/internal/backoffice"
	"io"
	"text/tabwriter"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/places"
)

// Organisation is a demo organisation.
type Organisation struct {
	Slug, Name string
	Kind       identity.OrgKind
}

// PlatformOrg is the demo organisation that runs the platform: its
// administrator is the platform's.
const PlatformOrg = "guichet"

// Organisations are the demo administrations and help structures. The
// catalogue's demo procedures name their administration by these slugs.
var Organisations = []Organisation{
	{"guichet", "Guichet – équipe d'exploitation", identity.KindAdministration},
	{"observatoire", "Observatoire de la qualité des services publics", identity.KindAdministration},
	{"caf", "Caisse d'allocations familiales du Rhône", identity.KindAdministration},
	{"cpam", "Caisse primaire d'assurance maladie du Rhône", identity.KindAdministration},
	{"france-travail", "France Travail", identity.KindAdministration},
	{"prefecture", "Préfecture du Rhône", identity.KindAdministration},
	{"mairie", "Mairie de Villeurbanne", identity.KindAdministration},
	{"dgfip", "Direction générale des Finances publiques", identity.KindAdministration},
	{"ants", "Agence nationale des titres sécurisés", identity.KindAdministration},
	{"assurance-retraite", "Assurance retraite", identity.KindAdministration},
	{"mdph", "Maison départementale des personnes handicapées du Rhône", identity.KindAdministration},
	{"crous", "Crous de Lyon", identity.KindAdministration},
	{"ministere-justice", "Ministère de la Justice", identity.KindAdministration},
	{"ministere-interieur", "Ministère de l'Intérieur", identity.KindAdministration},
	{"anah", "Agence nationale de l'habitat", identity.KindAdministration},
	{"urssaf", "Urssaf", identity.KindAdministration},
	{"asp", "Agence de services et de paiement", identity.KindAdministration},
	{"antai", "Agence nationale de traitement automatisé des infractions", identity.KindAdministration},
	{"france-services-villeurbanne", "France Services de Villeurbanne", identity.KindHelpStructure},
	{"epn-lyon-8", "Espace public numérique de Lyon 8e", identity.KindHelpStructure},
	{"ccas-villeurbanne", "Centre communal d'action sociale de Villeurbanne", identity.KindHelpStructure},
}

// Account is a demo account, one per role. Staff accounts carry a fixed
// TOTP secret so that a demo (and the browser tests) can compute codes.
type Account struct {
	Email, Name, Password string
	// PasswordHash is the argon2id hash of Password, made once
	// (TestAccountHashes checks it still verifies): hashing the six
	// passwords at each first start took a quarter of a second, longer
	// than the rest of the accounts.
	PasswordHash string
	Role         identity.Role
	Org          string
	TOTPSecret   string
}

// Accounts are the demo accounts. Their passwords are public: never load
// the demo on a real instance.
var Accounts = []Account{
	{"usager@demo.guichet.test", "Camille Martin", "usager-demo-2026",
		"$argon2id$v=19$m=19456,t=2,p=1$/KoOxDAdBZI6Lbk/33URSg$hjNYZP6n3e6OToceZE3T1JJwAONmV3zhmvo9U8DDHeg",
		identity.RoleCitizen, "", ""},
	{"mediateur@demo.guichet.test", "Karim Benali", "mediateur-demo-2026",
		"$argon2id$v=19$m=19456,t=2,p=1$OdEMPLnFUL5bLt+oUA4pDw$pOj0fen24kIA15UEN+b8k3wGATnNgG8Giq9RATyvyec",
		identity.RoleMediator, "france-services-villeurbanne", "4NSLQCL3BFQ32L6CEF7D6EWOWDAZ45AB"},
	{"agent@demo.guichet.test", "Sophie Durand", "agent-demo-2026",
		"$argon2id$v=19$m=19456,t=2,p=1$NEldS2JU1ZD+gQD8nMOXpQ$MuGiJoMcgQqN5tmUFvS+z7yMSzJ63mPlIKZ5IGxxgps",
		identity.RoleAgent, "caf", "UC76SDZV734YMMGAMCMV3DL4NS3KMACU"},
	{"responsable@demo.guichet.test", "Luc Moreau", "responsable-demo-2026",
		"$argon2id$v=19$m=19456,t=2,p=1$7TRrDGtzYzP/oFmcbeIUrg$e6k5bpxt3J+NAlQFYsQv3/en6biOLMeOyVaQ12Ovxyo",
		identity.RoleProcedureOwner, "caf", "UDRIGXE5VT3JJIMUVFVUSFS2OFMSQISD"},
	{"observatoire@demo.guichet.test", "Amina Diallo", "observatoire-demo-2026",
		"$argon2id$v=19$m=19456,t=2,p=1$yKVNsG7hXdkqM/FVeLw1OA$NilXa5rfIRfd62pS2x859M06Okn2tEy87b8mEDh2uhw",
		identity.RoleObservatory, "observatoire", "EOC5QPSE545XAIYS4N2JYJNSAQYRUPCX"},
	{"admin@demo.guichet.test", "Alex Petit", "admin-demo-2026-guichet",
		"$argon2id$v=19$m=19456,t=2,p=1$HTpls4sp89TmLi/9iCJBhg$+/qkSMSeFUnCko2gXzFJYGn9+I/7vpDxBazEejPbJio",
		identity.RoleAdmin, "guichet", "JP3VJ5NZV4ND6UZRLD6W4LUDH2C4T4G3"},
}

// Load loads every piece of demo data, in the order they need: the
// organisations and accounts, the help places, then the catalogue, whose
// procedures belong to the organisations, their online forms, the feedback
// on them and the teams that instruct them. It is idempotent.
func Load(ctx context.Context, ids *identity.Service, cat *catalogue.Service, pl *places.Service, fm *forms.Service,
	ls *listening.Service, bo *backoffice.Service) error {
	if err := LoadAccounts(ctx, ids); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if _, err := LoadPlaces(ctx, pl, ids); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if _, err := LoadCatalogue(ctx, cat, ids); err != nil {
		return fmt.Errorf("demo catalogue: %w", err)
	}
	if _, err := LoadForms(ctx, fm); err != nil {
		return fmt.Errorf("demo forms: %w", err)
	}
	if _, err := LoadFeedback(ctx, ls, cat); err != nil {
		return fmt.Errorf("demo feedback: %w", err)
	}
	if err := LoadParticipation(ctx, ls, ids); err != nil {
		return err
	}
	return LoadTeams(ctx, bo, ids)
}

// LoadAccounts creates the demo organisations and accounts that do not
// exist yet.
func LoadAccounts(ctx context.Context, ids *identity.Service) error {
	for _, o := range Organisations {
		if _, err := ids.OrganisationBySlug(ctx, o.Slug); errs.Is(err, errs.NotFound) {
			if _, err := ids.CreateOrganisation(ctx, o.Slug, o.Name, o.Kind); err != nil {
				return fmt.Errorf("demo organisation %s: %w", o.Slug, err)
			}
		} else if err != nil {
			return err
		}
		if o.Slug == PlatformOrg {
			if err := ids.SetPlatformOrganisation(ctx, o.Slug); err != nil {
				return fmt.Errorf("demo organisation %s: %w", o.Slug, err)
			}
		}
	}
	for _, a := range Accounts {
		if _, err := ids.UserByEmail(ctx, a.Email); err == nil {
			// A start without --demo disabled it: the demo turns it back on.
			if err := ids.EnableUser(ctx, a.Email); err != nil {
				return fmt.Errorf("demo account %s: %w", a.Email, err)
			}
			continue
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
		u, err := ids.CreateUser(ctx, identity.NewUser{Email: a.Email, Name: a.Name, PasswordHash: a.PasswordHash, Role: a.Role,
			OrgSlug: a.Org})
		if err != nil {
			return fmt.Errorf("demo account %s: %w", a.Email, err)
		}
		if a.TOTPSecret != "" {
			if err := ids.SetTOTPSecret(ctx, u.ID, a.TOTPSecret); err != nil {
				return fmt.Errorf("demo account %s: %w", a.Email, err)
			}
		}
	}
	// The CAF's agents may sign in with ProConnect (cmd/oidctest plays it).
	if err := ids.SetProConnect(ctx, 0, "caf", DemoCAFSIRET, identity.RoleAgent); err != nil {
		return fmt.Errorf("demo proconnect: %w", err)
	}
	return nil
}

// DisableAccounts turns off the demo accounts and ends their sessions, for
// a start without --demo: their passwords and TOTP secrets are public, so
// they must never outlive the demo. It returns how many it turned off.
func DisableAccounts(ctx context.Context, ids *identity.Service) (int, error) {
	n := 0
	for _, a := range Accounts {
		disabled, err := ids.DisableUser(ctx, a.Email)
		if err != nil {
			return n, fmt.Errorf("demo account %s: %w", a.Email, err)
		}
		if disabled {
			n++
		}
	}
	// The demo CAF's made-up SIRET would let anyone's ProConnect identity
	// with that number in as a CAF agent.
	if _, err := ids.ClearProConnect(ctx, 0, DemoCAFSIRET); err != nil {
		return n, fmt.Errorf("demo proconnect: %w", err)
	}
	return n, nil
}

// DemoCAFSIRET is the made-up SIRET of the demo CAF, for ProConnect.
const DemoCAFSIRET = "12345678900011"

// PrintAccounts writes the demo accounts for the person starting the demo.
func PrintAccounts(w io.Writer, baseURL string) {
	fmt.Fprintf(w, "\nLa démonstration de Guichet est prête : %s\nComptes de démonstration (mots de passe publics : n'utilisez jamais --demo sur un vrai service) :\n\n", baseURL)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RÔLE\tE-MAIL\tMOT DE PASSE\tSECRET TOTP")
	for _, a := range Accounts {
		secret := "-"
		if a.TOTPSecret != "" {
			secret = a.TOTPSecret
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Role, a.Email, a.Password, secret)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nLes comptes des agents demandent un code TOTP : ajoutez le secret à une application")
	fmt.Fprintln(w, "d'authentification, ou calculez le code avec « guichet totp SECRET ».")
	fmt.Fprintln(w)
}

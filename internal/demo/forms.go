package demo

import (
	"context"
	"fmt"

	"guichet/internal/forms"
)

func num(f float64) *float64 { return &f }

// contactPage asks how to reach the person: e-mail and phone, two related questions.
func contactPage(phoneRequired bool) forms.Page {
	return forms.Page{Title: "Comment vous joindre", Fields: []forms.Field{
		{Key: "email", Type: forms.Email, Label: "Votre adresse e-mail", Required: true, Prefill: "profil:email",
			Help: "Nous y envoyons l'accusé de réception et les nouvelles de votre demande."},
		{Key: "telephone", Type: forms.Phone, Label: "Votre numéro de téléphone", Required: phoneRequired, Prefill: "profil:telephone",
			Help: "Un numéro français ou d'outre-mer, par exemple 06 12 34 56 78."},
	}}
}

// DemoForms are the online forms of the demo procedures, written as their owners would.
// Between them they use every field type, conditions, a repeatable block and files.
func DemoForms() []forms.Form {
	return []forms.Form{
		{Procedure: "acte-naissance", Pages: []forms.Page{
			{Title: "Votre demande", Fields: []forms.Field{
				{Key: "intro", Type: forms.Explanation, Label: "La mairie envoie l'acte par courrier, gratuitement, sous 10 jours environ.",
					Help: "Vous pouvez demander l'acte d'une personne née à Villeurbanne : vous-même, votre enfant ou un de vos parents."},
				{Key: "pour_qui", Type: forms.Choice, Label: "Pour qui demandez-vous l'acte ?", Required: true, Options: []forms.Option{
					{Value: "moi", Label: "Pour moi"}, {Value: "enfant", Label: "Pour mon enfant"},
					{Value: "parent", Label: "Pour mon père ou ma mère"}}},
			}},
			{Title: "La personne née à Villeurbanne", Fields: []forms.Field{
				{Key: "nom", Type: forms.ShortText, Label: "Son nom de naissance", Required: true, Autocomplete: "family-name",
					Help: "Le nom de famille à la naissance, avant un mariage."},
				{Key: "prenoms", Type: forms.ShortText, Label: "Ses prénoms", Required: true,
					Help: "Tous les prénoms, dans l'ordre."},
			}},
			{Fields: []forms.Field{
				{Key: "date_naissance", Type: forms.Date, Label: "Sa date de naissance", Required: true, Limits: forms.Limits{PastOnly: true}},
			}},
			{Fields: []forms.Field{
				{Key: "type_acte", Type: forms.Choice, Label: "Quel acte vous faut-il ?", Required: true,
					Help: "Pour un passeport ou une carte d'identité, l'extrait avec filiation suffit.",
					Options: []forms.Option{
						{Value: "integrale", Label: "La copie complète"},
						{Value: "avec-filiation", Label: "Un extrait avec le nom des parents"},
						{Value: "sans-filiation", Label: "Un extrait sans le nom des parents"}}},
			}},
			{Fields: []forms.Field{
				{Key: "exemplaires", Type: forms.Number, Label: "Combien d'exemplaires voulez-vous ?", Required: true,
					Help: "De 1 à 5.", Limits: forms.Limits{Min: num(1), Max: num(5)}},
			}},
			{Fields: []forms.Field{
				{Key: "adresse", Type: forms.Address, Label: "À quelle adresse envoyer l'acte ?", Required: true},
			}},
			contactPage(false),
		}},
		{Procedure: "inscription-ecole", Pages: []forms.Page{
			{Title: "Vos enfants", Fields: []forms.Field{
				{Key: "partie_enfants", Type: forms.Section, Label: "Les enfants à inscrire",
					Help: "Ajoutez chaque enfant qui entre à l'école maternelle ou élémentaire à la rentrée."},
				{Key: "enfants", Type: forms.Repeat, Label: "Vos enfants", Required: true, ItemLabel: "Enfant",
					AddLabel: "Ajouter un enfant", Limits: forms.Limits{MaxRepeat: 6}, Children: []forms.Field{
						{Key: "prenom", Type: forms.ShortText, Label: "Prénom", Required: true},
						{Key: "nom", Type: forms.ShortText, Label: "Nom", Required: true},
						{Key: "naissance", Type: forms.Date, Label: "Date de naissance", Required: true, Limits: forms.Limits{PastOnly: true}},
						{Key: "classe", Type: forms.Choice, Label: "Classe à la rentrée", Required: true, Options: []forms.Option{
							{Value: "ps", Label: "Petite section"}, {Value: "ms", Label: "Moyenne section"},
							{Value: "gs", Label: "Grande section"}, {Value: "cp", Label: "CP"}, {Value: "ce1", Label: "CE1"},
							{Value: "ce2", Label: "CE2"}, {Value: "cm1", Label: "CM1"}, {Value: "cm2", Label: "CM2"}}},
					}},
			}},
			{Fields: []forms.Field{
				{Key: "autre_ecole", Type: forms.YesNo, Label: "Voulez-vous une autre école que celle de votre quartier ?", Required: true,
					Help: "La mairie inscrit d'abord les enfants dans l'école de leur quartier."},
			}},
			{Fields: []forms.Field{
				{Key: "motif", Type: forms.LongText, Label: "Pourquoi voulez-vous une autre école ?", Required: true,
					Help:      "Par exemple : un frère ou une sœur y va déjà. Ou l'enfant est gardé près de cette école.",
					Limits:    forms.Limits{MaxLength: 1500},
					Condition: &forms.Condition{Op: forms.Equals, Field: "autre_ecole", Value: "oui"}},
			}},
			{Title: "Cantine et accueil", Fields: []forms.Field{
				{Key: "cantine", Type: forms.YesNo, Label: "Vos enfants mangeront-ils à la cantine ?", Required: true},
				{Key: "periscolaire", Type: forms.Choices, Label: "Quels accueils voulez-vous ?",
					Help: "Cochez tout ce qui vous sert. Vous pourrez changer plus tard.", Options: []forms.Option{
						{Value: "matin", Label: "Le matin avant l'école"}, {Value: "soir", Label: "Le soir après l'école"},
						{Value: "mercredi", Label: "Le mercredi"}}},
			}},
			{Fields: []forms.Field{
				{Key: "adresse", Type: forms.Address, Label: "Votre adresse", Required: true, Prefill: "profil:adresse",
					Help: "Elle décide de l'école de votre quartier."},
			}},
			{Fields: []forms.Field{
				{Key: "quotient", Type: forms.Number, Label: "Votre quotient familial", Prefill: "caf:quotient-familial",
					Help: "Il fixe le prix de la cantine. Il est écrit sur les courriers de la caisse d'allocations familiales (CAF).", Limits: forms.Limits{Min: num(0)}},
			}},
			contactPage(true),
		}},
		{Procedure: "carte-mobilite-inclusion", Pages: []forms.Page{
			{Fields: []forms.Field{
				{Key: "mentions", Type: forms.Choices, Label: "Quelles cartes demandez-vous ?", Required: true,
					Help: "Cochez une ou plusieurs cartes.", Options: []forms.Option{
						{Value: "invalidite", Label: "Invalidité"}, {Value: "priorite", Label: "Priorité, pour ne pas attendre debout"},
						{Value: "stationnement", Label: "Stationnement"}}},
			}},
			{Fields: []forms.Field{
				{Key: "deja_taux", Type: forms.YesNo, Label: "Avez-vous déjà reçu un taux de handicap de la maison du handicap ?", Required: true},
			}},
			{Fields: []forms.Field{
				{Key: "taux", Type: forms.Number, Label: "Quel est ce taux, en pourcentage ?", Required: true,
					Help:      "Il est écrit sur la dernière décision reçue. Par exemple : 80.",
					Limits:    forms.Limits{Min: num(0), Max: num(100)},
					Condition: &forms.Condition{Op: forms.Equals, Field: "deja_taux", Value: "oui"}},
			}},
			{Title: "Vos documents", Fields: []forms.Field{
				{Key: "certificat", Type: forms.File, Label: "Votre certificat médical", Required: true,
					Help:   "Rempli par votre médecin depuis moins d'un an. Une photo nette suffit.",
					Limits: forms.Limits{MaxFileSize: 10 << 20}},
				{Key: "identite", Type: forms.File, Label: "Votre pièce d'identité",
					Help:   "Carte d'identité, passeport ou titre de séjour.",
					Limits: forms.Limits{FileTypes: []string{forms.FileTypePDF, forms.FileTypeJPEG, forms.FileTypePNG, forms.FileTypeHEIC}, MaxFileSize: 5 << 20}},
			}},
			{Fields: []forms.Field{
				{Key: "adresse", Type: forms.Address, Label: "Votre adresse", Required: true, Prefill: "profil:adresse",
					Help: "La carte vous sera envoyée à cette adresse."},
			}},
			contactPage(false),
		}},
		{Procedure: "prime-naissance", Pages: []forms.Page{
			{Fields: []forms.Field{
				{Key: "allocataire", Type: forms.ShortText, Label: "Votre numéro d'allocataire", Required: true,
					Help:   "Il est sur vos courriers de la Caf, en haut à droite. 7 chiffres au plus.",
					Limits: forms.Limits{MaxLength: 7}},
			}},
			{Fields: []forms.Field{
				{Key: "naissance_prevue", Type: forms.Date, Label: "Quand la naissance est-elle prévue ?", Required: true,
					Help: "La date écrite sur la déclaration de grossesse.", Limits: forms.Limits{FutureOnly: true}},
			}},
			{Fields: []forms.Field{
				{Key: "activite", Type: forms.Choice, Label: "Quelle est votre activité ?", Required: true, Options: []forms.Option{
					{Value: "salarie", Label: "Je suis salarié"}, {Value: "independant", Label: "Je travaille à mon compte"},
					{Value: "sans-emploi", Label: "Je n'ai pas d'emploi"}}},
			}},
			{Fields: []forms.Field{
				{Key: "siret", Type: forms.SIRET, Label: "Le numéro de votre entreprise (SIRET)", Required: true,
					Help:      "14 chiffres. Vous le trouvez sur annuaire-entreprises.data.gouv.fr.",
					Condition: &forms.Condition{Op: forms.Equals, Field: "activite", Value: "independant"}},
			}},
			{Fields: []forms.Field{
				{Key: "revenus", Type: forms.Number, Label: "Combien votre foyer a-t-il gagné en 2024, en euros ?", Required: true,
					Prefill: "dgfip:revenu-fiscal-reference",
					Help:    "Le revenu fiscal de référence, sur votre avis d'impôt 2025.", Limits: forms.Limits{Min: num(0)}},
			}},
			{Fields: []forms.Field{
				{Key: "iban", Type: forms.IBAN, Label: "Sur quel compte verser la prime ?", Required: true, Prefill: "profil:iban",
					Help: "Recopiez le numéro de compte (IBAN) écrit sur votre relevé d'identité bancaire (RIB)."},
			}},
			{Title: "Comment vous joindre", Fields: append([]forms.Field{
				{Key: "partie_contact", Type: forms.Section, Label: "Vos coordonnées"},
			}, contactPage(false).Fields...)},
		}},
		changeOfAddressForm(),
		// An aid people are often missing (44 % of those entitled in 2021): suggested with
		// their consent, it starts with what their profile already holds.
		{Procedure: "complementaire-sante-solidaire", Pages: []forms.Page{
			{Fields: []forms.Field{
				{Key: "adresse", Type: forms.Address, Label: "Votre adresse", Required: true, Prefill: "profil:adresse",
					Help: "La caisse d'assurance maladie vous écrit à cette adresse."},
			}},
			{Fields: []forms.Field{
				{Key: "ressources", Type: forms.Number, Label: "Combien votre foyer a-t-il reçu sur les douze derniers mois, en euros ?",
					Required: true, Help: "Salaires, chômage, retraite, pensions. Une estimation suffit ; la caisse vérifie.",
					Limits: forms.Limits{Min: num(0), Max: num(1000000)}},
			}},
			contactPage(false),
		}},
	}
}

// LoadForms publishes the demo forms of the procedures that have none yet, through the
// forms service as their owners would. It returns how many it published.
func LoadForms(ctx context.Context, fm *forms.Service) (int, error) {
	n := 0
	for _, f := range DemoForms() {
		online, err := fm.HasOnlineForm(ctx, f.Procedure)
		if err != nil {
			return n, err
		}
		if online {
			continue
		}
		if _, err := fm.SaveDraft(ctx, f.Procedure, 0, f); err != nil {
			return n, fmt.Errorf("demo form %s: %w", f.Procedure, err)
		}
		if _, err := fm.Publish(ctx, f.Procedure, 0); err != nil {
			return n, fmt.Errorf("demo form %s: %w", f.Procedure, err)
		}
		n++
	}
	return n, nil
}

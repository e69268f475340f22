package places

import "strings"

// keyAliases maps folded column names and JSON keys (see headerKey) that
// mean a field of the standard under another name: the older national map,
// nested JSON objects ("adresse.voie", "localisation.latitude", "contact.…")
// and common spellings. The names of the standard map to themselves.
// Read-only.
var keyAliases = map[string]string{
	"identifiant": FieldID, "id_lieu": FieldID,
	"siret": FieldPivot, "siret_rna": FieldPivot,
	"nom_lieu": FieldNom, "nom_du_lieu": FieldNom, "name": FieldNom,
	"ville": FieldCommune, "lib_com": FieldCommune,
	"cp": FieldCodePostal, "codepostal": FieldCodePostal, "code_postale": FieldCodePostal,
	"insee": FieldCodeInsee, "insee_com": FieldCodeInsee, "code_commune": FieldCodeInsee,
	"voie": FieldAdresse, "adresse_voie": FieldAdresse,
	"lat": FieldLatitude, "lng": FieldLongitude, "lon": FieldLongitude, "long": FieldLongitude,
	"typologies": FieldTypologie,
	"tel":        FieldTelephone, "telephone_lieu": FieldTelephone,
	"courriel": FieldCourriels, "email": FieldCourriels, "e_mail": FieldCourriels, "mail": FieldCourriels, "emails": FieldCourriels,
	"site_internet": FieldSiteWeb, "site": FieldSiteWeb, "url": FieldSiteWeb, "sites_web": FieldSiteWeb,
	"opening_hours": FieldHoraires,
	"resume":        FieldPresentationResume, "detail": FieldPresentationDetail, "description": FieldPresentationDetail,
	"date_mise_a_jour": FieldDateMaj, "date_de_mise_a_jour": FieldDateMaj,
	"publics_adresses": FieldPublicsSpecifiquementAdresses, "publics_accueillis": FieldPublicsSpecifiquementAdresses,
	"prises_en_charge_specifiques": FieldPriseEnChargeSpecifique, "prise_en_charge_specifiques": FieldPriseEnChargeSpecifique,
	"conditions_access": FieldFraisACharge, "conditions_acces": FieldFraisACharge, "conditions_d_acces": FieldFraisACharge,
	"dispositifs_programmes_nationaux": FieldDispositifProgrammesNationaux, "labels_nationaux": FieldDispositifProgrammesNationaux,
	"labels_autres":    FieldAutresFormationsLabels,
	"modalites_access": FieldModalitesAcces, "modalites_d_acces": FieldModalitesAcces,
	"accessibilite": FieldFicheAccesLibre,
	"prise_de_rdv":  FieldPriseRdv, "prise_rendez_vous": FieldPriseRdv,
}

// fieldForKey returns the field of the standard a folded column name or
// JSON key means. A dotted key from a nested object ("contact.telephone")
// is looked up whole, then by its last part.
func fieldForKey(k string) (string, bool) {
	if f, ok := standardField(k); ok {
		return f, true
	}
	if f, ok := keyAliases[k]; ok {
		return f, true
	}
	if i := strings.LastIndexByte(k, '.'); i >= 0 {
		return fieldForKey(k[i+1:])
	}
	return "", false
}

func standardField(k string) (string, bool) {
	for _, f := range Fields() {
		if f == k {
			return f, true
		}
	}
	return "", false
}

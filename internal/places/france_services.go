package places

import (
	"regexp"
	"strings"
)

// franceServicesDays maps the folded names of the weekday hour columns of
// the France Services list to the day (0 = Monday). Read-only.
var franceServicesDays = map[string]int{
	"h_lundi": 0, "h_mardi": 1, "h_mercredi": 2, "h_jeudi": 3, "h_vendredi": 4, "h_samedi": 5, "h_dimanche": 6,
	"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
	"horaires_lundi": 0, "horaires_mardi": 1, "horaires_mercredi": 2, "horaires_jeudi": 3,
	"horaires_vendredi": 4, "horaires_samedi": 5, "horaires_dimanche": 6,
}

// franceServicesColumns maps the other columns of the France Services list
// to fields of the standard; "labellisation" (the date the site was
// labelled) stands for date_maj. Read-only.
var franceServicesColumns = map[string]string{
	"id_fs": FieldID, "id": FieldID,
	"lib_fs": FieldNom, "nom": FieldNom, "nom_fs": FieldNom, "nom_france_services": FieldNom,
	"adresse": FieldAdresse, "complement_adresse": FieldComplementAdresse,
	"insee_com": FieldCodeInsee, "code_insee": FieldCodeInsee,
	"code_postal": FieldCodePostal, "cp": FieldCodePostal,
	"lib_com": FieldCommune, "commune": FieldCommune,
	"latitude": FieldLatitude, "longitude": FieldLongitude, "lat": FieldLatitude, "lon": FieldLongitude, "lng": FieldLongitude,
	"mail": FieldCourriels, "courriel": FieldCourriels, "email": FieldCourriels,
	"telephone": FieldTelephone, "tel": FieldTelephone,
	"commentaire":   FieldPresentationDetail,
	"itinerance":    FieldItinerance,
	"groupe":        FieldStructureParente,
	"labellisation": FieldDateMaj, "date_labellisation": FieldDateMaj, "labellisation_fs": FieldDateMaj,
}

// dayColumn marks, in csvRows.columns, a weekday column: the prefix then
// the day number.
const dayColumn = "\x00day"

func franceServicesColumn(k string) (string, bool) {
	if d, ok := franceServicesDays[k]; ok {
		return dayColumn + string(rune('0'+d)), true
	}
	f, ok := franceServicesColumns[k]
	return f, ok
}

// labelDate finds the date in "Espace labellisé 01/01/2020".
var labelDate = regexp.MustCompile(`\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}`)

// franceServicesRecord completes the values of a France Services row with
// what every France Services site is, by the programme's charter: a public
// service counter, free of charge, helping with administrative procedures
// and everyday digital tools, with computers in free access, where anyone
// may walk in.
func franceServicesRecord(values map[string]string) record {
	var days [7]string
	for k, v := range values {
		if d, ok := strings.CutPrefix(k, dayColumn); ok {
			days[d[0]-'0'] = v
			delete(values, k)
		}
	}
	if m := labelDate.FindString(values[FieldDateMaj]); m != "" {
		values[FieldDateMaj] = m
	} else {
		values[FieldDateMaj] = ""
	}
	values[FieldTypologie] = "RFS"
	values[FieldDispositifProgrammesNationaux] = "France Services"
	values[FieldFraisACharge] = "Gratuit"
	values[FieldServices] = "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique"
	values[FieldModalitesAccompagnement] = "Accompagnement individuel"
	access := []string{"Se présenter"}
	if strings.TrimSpace(values[FieldTelephone]) != "" {
		access = append(access, "Téléphoner")
	}
	if strings.TrimSpace(values[FieldCourriels]) != "" {
		access = append(access, "Contacter par mail")
	}
	values[FieldModalitesAcces] = strings.Join(access, "|")
	return record{values: values, days: &days}
}

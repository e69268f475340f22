package places

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// dataColumns are the columns of the places table that hold the standard's
// fields (and the folded commune), in the order of placeArgs.
const dataColumns = `source, ext_id, pivot, nom, commune, commune_folded, code_postal, code_insee,
	adresse, complement_adresse, latitude, longitude, typologie, telephone, courriels, site_web,
	horaires, presentation_resume, presentation_detail, itinerance, structure_parente, date_maj,
	services, publics_specifiquement_adresses, prise_en_charge_specifique, frais_a_charge,
	dispositif_programmes_nationaux, formations_labels, autres_formations_labels, modalites_acces,
	modalites_accompagnement, fiche_acces_libre, prise_rdv`

// numDataColumns is how many columns dataColumns names.
const numDataColumns = 33

// selectColumns reads a whole place, in the order of scanPlace.
const selectColumns = `id, ` + dataColumns + `, org_id, updated_at`

// placeArgs returns the values of dataColumns for p.
func placeArgs(p *Place) []any {
	return []any{
		p.Source, p.ID, p.Pivot, p.Nom, p.Commune, FoldTown(p.Commune), p.CodePostal, p.CodeInsee,
		p.Adresse, p.ComplementAdresse, nullFloat(p.Latitude), nullFloat(p.Longitude),
		join(p.Typologie), p.Telephone, join(p.Courriels), join(p.SiteWeb),
		p.Horaires, p.PresentationResume, p.PresentationDetail, join(p.Itinerance), p.StructureParente,
		p.DateMaj.Format(dateLayout),
		join(p.Services), join(p.PublicsSpecifiquementAdresses), join(p.PriseEnChargeSpecifique),
		join(p.FraisACharge), join(p.DispositifProgrammesNationaux), join(p.FormationsLabels),
		p.AutresFormationsLabels, join(p.ModalitesAcces), join(p.ModalitesAccompagnement),
		p.FicheAccesLibre, p.PriseRdv,
	}
}

func join(xs []string) string { return strings.Join(xs, "|") }

// split reads a "|"-joined column; "" gives nil.
func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func nullFloat(f *float64) sql.NullFloat64 {
	if f == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *f, Valid: true}
}

// placeholders returns "$from, …, $to".
func placeholders(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		if i > from {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", i)
	}
	return b.String()
}

// insertPlaceSQL adds a place; $34 is the creation time, $35 the update time.
var insertPlaceSQL = `INSERT INTO places (` + dataColumns + `, created_at, updated_at)
	VALUES (` + placeholders(1, numDataColumns+2) + `)`

// updatePlaceSQL rewrites every field of the place whose key is $33 except
// its source and identifier; $32 is the update time.
var updatePlaceSQL = func() string {
	cols := strings.Split(dataColumns, ",")[2:] // not source, ext_id
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = fmt.Sprintf("%s = $%d", strings.TrimSpace(c), i+1)
	}
	return `UPDATE places SET ` + strings.Join(sets, ", ") +
		fmt.Sprintf(`, updated_at = $%d WHERE id = $%d`, len(cols)+1, len(cols)+2)
}()

// updateArgs returns the arguments of updatePlaceSQL.
func updateArgs(p *Place, key int64, now time.Time) []any {
	return append(placeArgs(p)[2:], now.UTC(), key)
}

// rowScanner is what *sql.Row and *sql.Rows offer.
type rowScanner interface{ Scan(dest ...any) error }

// scanPlace reads a row of selectColumns.
func scanPlace(s rowScanner) (Place, error) {
	var (
		p                                                      Place
		folded, dateMaj                                        string
		lat, lon                                               sql.NullFloat64
		typologie, courriels, siteWeb, itinerance, services    string
		publics, priseEnCharge, frais, dispositifs, formations string
		modalitesAcces, modalitesAccompagnement                string
		org                                                    sql.NullInt64
	)
	err := s.Scan(&p.Key, &p.Source, &p.ID, &p.Pivot, &p.Nom, &p.Commune, &folded, &p.CodePostal, &p.CodeInsee,
		&p.Adresse, &p.ComplementAdresse, &lat, &lon, &typologie, &p.Telephone, &courriels, &siteWeb,
		&p.Horaires, &p.PresentationResume, &p.PresentationDetail, &itinerance, &p.StructureParente, &dateMaj,
		&services, &publics, &priseEnCharge, &frais, &dispositifs, &formations, &p.AutresFormationsLabels,
		&modalitesAcces, &modalitesAccompagnement, &p.FicheAccesLibre, &p.PriseRdv, &org, &p.UpdatedAt)
	if err != nil {
		return Place{}, err
	}
	if lat.Valid && lon.Valid {
		p.Latitude, p.Longitude = &lat.Float64, &lon.Float64
	}
	if org.Valid {
		p.OrgID = &org.Int64
	}
	p.DateMaj, _ = time.Parse(dateLayout, dateMaj)
	p.UpdatedAt = p.UpdatedAt.UTC()
	p.Typologie, p.Courriels, p.SiteWeb, p.Itinerance = split(typologie), split(courriels), split(siteWeb), split(itinerance)
	p.Services, p.PublicsSpecifiquementAdresses, p.PriseEnChargeSpecifique = split(services), split(publics), split(priseEnCharge)
	p.FraisACharge, p.DispositifProgrammesNationaux, p.FormationsLabels = split(frais), split(dispositifs), split(formations)
	p.ModalitesAcces, p.ModalitesAccompagnement = split(modalitesAcces), split(modalitesAccompagnement)
	return p, nil
}

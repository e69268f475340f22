package mediation

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/notify"
)

// Domiciliation says that a person without a fixed address, e-mail or
// phone is reached through a help structure: their notifications go to
// the structure's mediators, for them, and their postal mail carries the
// structure's address.
type Domiciliation struct {
	PersonUserID int64
	OrgID        int64
	PersonName   string
	// Address is the structure's postal address, as mail must show it.
	Address    string
	RecordedBy int64
	RecordedAt time.Time
}

// PostalLines returns the address block of the person's postal mail: the
// person, "chez" the structure, then the structure's address lines.
func (d *Domiciliation) PostalLines(orgName string) []string {
	lines := []string{d.PersonName, "Chez " + orgName}
	for _, l := range strings.Split(d.Address, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// Journal events of a domiciliation.
const (
	EventDomiciled   = "domiciliation.set"
	EventUndomiciled = "domiciliation.ended"
)

const (
	deleteDomiciliationSQL = `DELETE FROM mediation_domiciliations WHERE person_user_id = $1`
	insertDomiciliationSQL = `INSERT INTO mediation_domiciliations (person_user_id, org_id, person_name, address,
	recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`
)

// Domicile records that the person of mandate mandateID, a mandate of the
// structure in force, is reached through the structure at address. It
// replaces any earlier domiciliation of the person and is journaled. A
// person identified by a document, without an account, first gets a person
// record without login tied to the mandate (Options.NewPerson): from then
// on the structure can act for them and receives their messages.
func (s *Service) Domicile(ctx context.Context, orgID, mediatorID, mandateID int64, address string) error {
	address = strings.TrimSpace(strings.ReplaceAll(address, "\r\n", "\n"))
	switch {
	case address == "":
		return errs.InvalidField("address", "Écrivez l'adresse postale de la structure : numéro, rue, code postal et commune.")
	case utf8.RuneCountInString(address) > 300:
		return errs.InvalidField("address", "L'adresse est trop longue : 300 caractères au plus.")
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		m, err := s.mandate(ctx, tx, mandateID)
		if err != nil {
			return err
		}
		if m.OrgID != orgID {
			return errNoMandate
		}
		if m.StatusAt(s.now()) != Active {
			return errs.E(errs.Forbidden, "Ce mandat n'est pas en cours : la structure ne peut pas recevoir le courrier de cette personne.")
		}
		// A person identified by a document gets their person record
		// here: being domiciled is what gives them somewhere to be reached.
		if err := s.takeOn(ctx, tx, m, mediatorID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, deleteDomiciliationSQL, m.PersonUserID); err != nil {
			return fmt.Errorf("replace domiciliation: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insertDomiciliationSQL, m.PersonUserID, orgID, m.PersonName, address,
			mediatorID, s.now()); err != nil {
			return fmt.Errorf("record domiciliation: %w", err)
		}
		return s.append(ctx, tx, Entry{Event: EventDomiciled, MandateID: m.ID, OrgID: orgID, PersonUserID: m.PersonUserID,
			ActorUserID: mediatorID, Detail: "Messages et courrier reçus par la structure : " + strings.ReplaceAll(address, "\n", ", ")})
	})
}

const domiciliationSQL = `SELECT person_user_id, org_id, person_name, address, recorded_by, recorded_at
	FROM mediation_domiciliations WHERE person_user_id = $1`

// DomiciliationOf returns the person's domiciliation, nil when they have none.
func (s *Service) DomiciliationOf(ctx context.Context, userID int64) (*Domiciliation, error) {
	return s.domiciliation(ctx, s.db.Querier(ctx), userID)
}

func (s *Service) domiciliation(ctx context.Context, q database.Querier, userID int64) (*Domiciliation, error) {
	if userID == 0 {
		return nil, nil
	}
	var d Domiciliation
	err := q.QueryRowContext(ctx, domiciliationSQL, userID).Scan(&d.PersonUserID, &d.OrgID, &d.PersonName, &d.Address,
		&d.RecordedBy, &d.RecordedAt)
	if database.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read domiciliation: %w", err)
	}
	d.RecordedAt = d.RecordedAt.UTC()
	return &d, nil
}

const lastMandateOfPairSQL = `SELECT ` + mandateColumns + ` WHERE org_id = $1 AND person_user_id = $2
	ORDER BY starts_at DESC, id DESC LIMIT 1`

// EndDomiciliation ends the person's domiciliation, at their request
// (byPerson) or the structure's (orgID must then be that structure). It is
// journaled against the pair's latest mandate.
func (s *Service) EndDomiciliation(ctx context.Context, personUserID, orgID, by int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		d, err := s.domiciliation(ctx, tx, personUserID)
		if err != nil {
			return err
		}
		if d == nil || (orgID != 0 && d.OrgID != orgID) {
			return errs.E(errs.NotFound, "Il n'y a pas de domiciliation à arrêter.")
		}
		if _, err := tx.ExecContext(ctx, deleteDomiciliationSQL, personUserID); err != nil {
			return fmt.Errorf("end domiciliation: %w", err)
		}
		m, err := scanMandate(tx.QueryRowContext(ctx, lastMandateOfPairSQL, d.OrgID, personUserID))
		if err != nil {
			return fmt.Errorf("mandate of the domiciliation: %w", err)
		}
		if m.PersonRecord {
			return errs.E(errs.Conflict, "Cette personne n'a ni compte ni e-mail : ses messages n'ont pas d'autre adresse que la structure. Pour ne plus les recevoir, arrêtez son mandat.")
		}
		return s.append(ctx, tx, Entry{Event: EventUndomiciled, MandateID: m.ID, OrgID: d.OrgID,
			PersonUserID: personUserID, ActorUserID: by})
	})
}

// redirecting is a Notifier that sends the messages of a domiciled person
// to their structure, for them.
type redirecting struct {
	s    *Service
	next Notifier
}

// Redirect returns a Notifier that hands every event to next, except that
// an event for the account of a domiciled person goes to their help
// structure instead (notify.Recipient HelpOrgID and ForPerson): the
// structure's mediators receive it for the person, who has no e-mail or
// phone of their own to read. The structure's inbox keeps it too, worded as
// the person would have read it (InboxOf).
func (s *Service) Redirect(next Notifier) Notifier { return redirecting{s, next} }

func (r redirecting) Notify(ctx context.Context, e notify.Event) error {
	if e.Recipient.UserID != 0 {
		d, err := r.s.DomiciliationOf(ctx, e.Recipient.UserID)
		if err != nil {
			return err
		}
		if d != nil {
			if err := r.s.keep(ctx, r.next, d, e); err != nil {
				return err
			}
			e.Recipient = notify.Recipient{HelpOrgID: d.OrgID, ForPerson: d.PersonName}
		}
	}
	return r.next.Notify(ctx, e)
}

package api

import (
	"net/http"
	"strconv"

	"guichet/internal/auth"
	"guichet/internal/errs"
)

// ackAnswer is what POST /api/v1/changes/{id}/ack answers.
type ackAnswer struct {
	ChangeID   int64  `json:"change_id"`
	Status     string `json:"status"`
	ReceivedAt string `json:"received_at"`
}

// ackChange records, with an organisation's token, that the organisation
// took a change declared once into account; the person sees it under the
// change's reference. Acknowledging again answers the same.
func (s *Server) ackChange(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Check(r, auth.OrgToken); err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="guichet"`)
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errs.E(errs.NotFound, "Ce changement n'existe pas.")
	}
	tok := auth.PrincipalOf(r).APIToken
	d, err := s.Changes.Ack(r.Context(), tok.Org.ID, id, "jeton « "+tok.Name+" »")
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ackAnswer{ChangeID: d.ChangeID, Status: "received",
		ReceivedAt: d.ReceivedAt.Format("2006-01-02T15:04:05Z07:00")})
}

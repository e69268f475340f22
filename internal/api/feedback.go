package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"guichet/internal/auth"
	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/listening"
)

// maxFeedbackItems is the largest batch POST /api/v1/feedback takes; a
// bigger pile of paper forms is sent in several batches.
const maxFeedbackItems = 500

// feedbackItem is one paper answer as the API receives it.
type feedbackItem struct {
	Procedure   string   `json:"procedure"`
	Overall     string   `json:"overall"`
	Clarity     int      `json:"clarity"`
	HelpSought  []string `json:"help_sought"`
	HelpReached *bool    `json:"help_reached"`
	HelpQuality *int     `json:"help_quality"`
	Channel     string   `json:"channel"`
	AnsweredAt  string   `json:"answered_at"`
	Comment     string   `json:"comment"`
}

// FeedbackReport is the answer to a batch: how many items were read and
// kept, and each rejected item with its index (from 0) and reason.
type FeedbackReport struct {
	Received int                   `json:"received"`
	Kept     int                   `json:"kept"`
	Rejected []listening.Rejection `json:"rejected"`
}

// helpAliases reads help_sought in the codes of the form (guichet,
// telephone…) or in English (counter, phone…).
var helpAliases = map[string]listening.Help{"counter": listening.HelpCounter, "phone": listening.HelpPhone,
	"email": listening.HelpEmail, "e-mail": listening.HelpEmail, "relative": listening.HelpRelative,
	"websites": listening.HelpWebsites, "other": listening.HelpOther, "none": listening.HelpNone}

// postFeedback stores a batch of paper answers sent with an API token of
// the procedures' organisation, or of the observatory. Each item is
// checked on its own: the good ones are kept, the others listed with why.
func (s *Server) postFeedback(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Check(r, auth.OrgToken); err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="guichet"`)
		return err
	}
	var raw []json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		return errs.E(errs.Invalid, "Le corps de la demande doit être un tableau JSON de réponses, par exemple [{\"procedure\":\"carte-vitale\",…}].")
	}
	if len(raw) > maxFeedbackItems {
		return errs.Errorf(errs.Invalid, "Envoyez au plus %d réponses à la fois ; ce lot en contient %d.", maxFeedbackItems, len(raw))
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	report := FeedbackReport{Received: len(raw), Rejected: []listening.Rejection{}}
	var items []listening.BatchItem
	for i, msg := range raw {
		it, reason := s.feedbackBatchItem(r, sn, i, msg)
		if reason != "" {
			report.Rejected = append(report.Rejected, listening.Rejection{Index: i, Reason: reason})
			continue
		}
		items = append(items, it)
	}
	kept, rejected, err := s.Listening.EnterBatch(r.Context(), items, listening.Entry{TokenID: auth.PrincipalOf(r).APIToken.ID})
	if err != nil {
		return err
	}
	report.Kept = kept
	report.Rejected = mergeRejections(report.Rejected, rejected)
	status := http.StatusOK
	if kept == 0 && len(raw) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return writeJSON(w, status, report)
}

// feedbackBatchItem reads item i, or says why it cannot be kept.
func (s *Server) feedbackBatchItem(r *http.Request, sn *catalogue.Snapshot, i int, msg json.RawMessage) (listening.BatchItem, string) {
	var in feedbackItem
	dec := json.NewDecoder(bytes.NewReader(msg))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return listening.BatchItem{}, "La réponse n'est pas un objet JSON attendu : " + jsonProblem(err)
	}
	p, ok := sn.Procedure(strings.TrimSpace(in.Procedure))
	if !ok {
		return listening.BatchItem{}, fmt.Sprintf("La démarche « %s » n'existe pas dans le catalogue.", in.Procedure)
	}
	if !auth.TokenMayActFor(r, p.Org.ID) {
		return listening.BatchItem{}, fmt.Sprintf("Ce jeton n'est pas celui de l'organisation qui gère la démarche « %s » : seul un jeton de cette organisation, ou de l'observatoire, peut y ajouter des réponses.", p.Slug)
	}
	at, err := time.Parse(time.RFC3339, in.AnsweredAt)
	if err != nil {
		return listening.BatchItem{}, "La date answered_at manque ou n'est pas au format RFC 3339, par exemple 2026-03-02T10:15:00+01:00."
	}
	a := listening.Answer{Procedure: p.Slug, Overall: listening.Overall(in.Overall), Clarity: in.Clarity,
		Channel: listening.Channel(in.Channel), AnsweredAt: at, Comment: in.Comment}
	if a.Channel == listening.ChannelOnline {
		return listening.BatchItem{}, "Le canal « en_ligne » est réservé aux avis donnés sur Guichet : utilisez papier, telephone ou guichet."
	}
	quality := 0
	if in.HelpQuality != nil {
		if quality = *in.HelpQuality; quality < 1 || quality > 5 {
			return listening.BatchItem{}, "help_quality doit être un nombre de 1 à 5."
		}
	}
	for _, h := range in.HelpSought {
		help := listening.Help(h)
		if alias, ok := helpAliases[h]; ok {
			help = alias
		}
		a.Helps = append(a.Helps, listening.HelpAnswer{Help: help, Reached: in.HelpReached, Quality: quality})
	}
	if a.NoHelp() && (in.HelpReached != nil || in.HelpQuality != nil) {
		return listening.BatchItem{}, "help_reached ou help_quality est donné alors qu'aucune aide n'a été cherchée (help_sought vide ou « aucune »)."
	}
	return listening.BatchItem{Index: i, Answer: a, OrgID: p.Org.ID}, ""
}

// jsonProblem says in French what is wrong with an item's JSON.
func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("le champ %s n'a pas le bon type.", typeErr.Field)
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "le champ " + f + " n'existe pas."
	}
	return "il est mal formé."
}

// mergeRejections puts the rejections of both checks in index order.
func mergeRejections(a, b []listening.Rejection) []listening.Rejection {
	out := make([]listening.Rejection, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i].Index < b[j].Index) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

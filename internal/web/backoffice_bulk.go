package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"guichet/internal/backoffice"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// bulkView is the result of a bulk action: what was done, what was not
// and why.
type bulkView struct {
	Page
	QueueURL      string
	Label         string
	Done, Refused []bulkLine
}

// bulkLine is one dossier of the result.
type bulkLine struct {
	backoffice.Outcome
	URL string
}

var bulkLabels = map[backoffice.BulkKind]string{
	backoffice.BulkTake: "prise en charge", backoffice.BulkAssign: "attribution",
	backoffice.BulkMessage: "message", backoffice.BulkDecide: "décision",
}

// bulkAction does one action to the dossiers ticked in the queue, or to
// every dossier of its filter, each in its own transaction, and lists the
// result. A problem of the form shows the queue again with it, the ticks
// and the text kept.
func (s *Server) bulkAction(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f := newForm(r)
	filter := url.Values{}
	for _, n := range filterNames {
		if v := f.Get("f-" + n); v != "" {
			filter.Set(n, v)
		}
	}
	targets, checked, err := s.bulkTargets(r, o, f, filter)
	if err != nil {
		return err
	}
	b := backoffice.Bulk{Kind: backoffice.BulkKind(f.Get("lot-action")), Message: f.Raw("lot-message"),
		State: dossiers.State(f.Get("lot-etat")), Motive: f.Get("lot-motif")}
	var out []backoffice.Outcome
	if b.Kind == backoffice.BulkAssign {
		b.To, err = assignee(f.Get("lot-agent"))
		if err != nil {
			err = errs.InvalidField("lot-agent", errs.MessageOf(err))
		}
	}
	if err == nil {
		out, err = s.Backoffice.RunBulk(ctx, dossiers.Agent{UserID: o.UserID, OrgID: o.OrgID}, targets, b)
	}
	if errs.Is(err, errs.Invalid) {
		values := url.Values{}
		for k, v := range f.Values {
			values[k] = v
		}
		for k, v := range filter {
			values[k] = v
		}
		vf := &Form{Values: values}
		v, verr := s.queueView(r, o, vf, checked)
		if verr != nil {
			return verr
		}
		for _, fe := range errs.FieldsOf(err) {
			vf.Fail(fe.Field, fe.Message)
		}
		return s.render(w, http.StatusUnprocessableEntity, "backoffice-queue", v)
	}
	if err != nil {
		return err
	}
	queue := "/espace/" + o.OrgSlug + "/dossiers"
	v := &bulkView{Page: s.page(r, "Résultat de l'action sur plusieurs dossiers"), QueueURL: queue, Label: bulkLabels[b.Kind]}
	if enc := filter.Encode(); enc != "" {
		v.QueueURL += "?" + enc
	}
	for _, oc := range out {
		l := bulkLine{Outcome: oc, URL: queue + "/" + strconv.FormatInt(oc.ID, 10)}
		if oc.Done {
			v.Done = append(v.Done, l)
		} else {
			v.Refused = append(v.Refused, l)
		}
	}
	return s.render(w, http.StatusOK, "backoffice-bulk", v)
}

// bulkTargets reads the dossiers of a bulk action: those ticked, each
// with the version the list showed, or every dossier of the filter.
func (s *Server) bulkTargets(r *http.Request, o orgScope, f *Form, filter url.Values) ([]backoffice.Target, map[int64]bool, error) {
	checked := map[int64]bool{}
	if f.Get("tous") == "oui" {
		ff := &Form{Values: filter}
		bf := queueFilter(filter, ff)
		if len(ff.Errors) > 0 {
			return nil, checked, errs.E(errs.Invalid, "Les dates du filtre sont mal écrites : corrigez-les dans la liste, puis recommencez.")
		}
		bf.Page = 0
		targets, err := s.Backoffice.Selection(r.Context(), o.OrgID, o.UserID, bf)
		if len(targets) > backoffice.MaxBulk {
			// The count in the message is the filter's, read again; past
			// backoffice.CountLimit, the message says "plus de 1 000".
			q, qerr := s.Backoffice.Queue(r.Context(), o.OrgID, o.UserID, bf)
			if qerr == nil {
				targets = make([]backoffice.Target, int(q.Total))
			}
		}
		return targets, checked, err
	}
	var targets []backoffice.Target
	for _, raw := range f.Values["dossier"] {
		id, version, ok := strings.Cut(raw, ".")
		t := backoffice.Target{}
		var err1, err2 error
		t.ID, err1 = strconv.ParseInt(id, 10, 64)
		t.Version, err2 = strconv.ParseInt(version, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			continue
		}
		targets = append(targets, t)
		checked[t.ID] = true
	}
	return targets, checked, nil
}

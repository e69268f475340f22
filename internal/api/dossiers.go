package api

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"guichet/internal/auth"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// DossierSummary is a dossier in a list: no answer, no name.
type DossierSummary struct {
	Reference           string     `json:"reference"`
	Procedure           string     `json:"procedure"`
	State               string     `json:"state"`
	CorrectionRequested bool       `json:"correction_requested"`
	SubmittedAt         time.Time  `json:"submitted_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
	DecidedAt           *time.Time `json:"decided_at,omitempty"`
	URL                 string     `json:"url"`
}

// DossierList is a page of an organisation's dossiers.
type DossierList struct {
	Dossiers   []DossierSummary `json:"dossiers"`
	NextCursor string           `json:"next_cursor"`
	HasMore    bool             `json:"has_more"`
}

// DossierDetail is a whole dossier as its organisation reads it.
type DossierDetail struct {
	DossierSummary
	Version    string                     `json:"version"`
	Answers    map[string]json.RawMessage `json:"answers"`
	Files      []DossierFile              `json:"files"`
	Timeline   []DossierEvent             `json:"timeline"`
	Messages   []DossierMessage           `json:"messages"`
	Correction *DossierCorrection         `json:"correction,omitempty"`
}

// DossierFile is a file of a dossier, with the link its token fetches it at.
type DossierFile struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Field       string    `json:"field,omitempty"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedAt  time.Time `json:"uploaded_at"`
	DownloadURL string    `json:"download_url"`
}

// DossierEvent is an entry of the timeline, newest first.
type DossierEvent struct {
	At        time.Time `json:"at"`
	Kind      string    `json:"kind"`
	Text      string    `json:"text"`
	FromState string    `json:"from_state,omitempty"`
	ToState   string    `json:"to_state,omitempty"`
	Detail    string    `json:"detail,omitempty"`
	// Actor is person, agent, token or system; Token names the token.
	Actor string `json:"actor"`
	Token string `json:"token,omitempty"`
}

// DossierMessage is a message between the person and the administration.
type DossierMessage struct {
	ID    int64         `json:"id"`
	At    time.Time     `json:"at"`
	From  string        `json:"from"` // person or administration
	Body  string        `json:"body"`
	Files []DossierFile `json:"files"`
}

// DossierCorrection is the open correction request.
type DossierCorrection struct {
	RequestedAt time.Time `json:"requested_at"`
	Reason      string    `json:"reason"`
	Fields      []string  `json:"fields"`
	Message     string    `json:"message"`
}

// tokenAgent is the dossiers' actor for the request's API token, which
// auth.Check has found: the token's organisation, and the token itself.
func tokenAgent(r *http.Request) dossiers.Agent {
	tok := auth.PrincipalOf(r).APIToken
	return dossiers.Agent{OrgID: tok.Org.ID, TokenID: tok.ID}
}

// checkToken runs auth.Check with the token rule of a dossiers route.
func checkToken(w http.ResponseWriter, r *http.Request, rule auth.Rule) error {
	if err := auth.Check(r, rule); err != nil {
		if errs.Is(err, errs.Unauthorized) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="guichet"`)
		}
		return err
	}
	return nil
}

func (s *Server) dossierURL(ref string) string {
	return strings.TrimRight(s.BaseURL, "/") + "/api/v1/dossiers/" + dossiers.FormatReference(ref)
}

func (s *Server) summaryJSON(sm dossiers.Summary) DossierSummary {
	out := DossierSummary{Reference: sm.ShownReference(), Procedure: sm.Procedure, State: string(sm.State),
		CorrectionRequested: sm.Correction, SubmittedAt: sm.SubmittedAt, UpdatedAt: sm.UpdatedAt, URL: s.dossierURL(sm.Reference)}
	if !sm.DecidedAt.IsZero() {
		at := sm.DecidedAt
		out.DecidedAt = &at
	}
	return out
}

// listStates are the states a list may be filtered on.
var listStates = []dossiers.State{dossiers.InConstruction, dossiers.InInstruction, dossiers.Accepted, dossiers.Refused, dossiers.Closed}

// listDossiers serves GET /api/v1/dossiers: the sent dossiers of the
// token's organisation, oldest sent first, by pages that follow a cursor.
func (s *Server) listDossiers(w http.ResponseWriter, r *http.Request) error {
	if err := checkToken(w, r, auth.OrgToken); err != nil {
		return err
	}
	ag := tokenAgent(r)
	q := r.URL.Query()
	f := dossiers.OrgFilter{Procedure: strings.TrimSpace(q.Get("procedure")), State: dossiers.State(q.Get("state"))}
	if f.State != "" && !isListState(f.State) {
		return errs.InvalidField("state", "L'état doit être en_construction, en_instruction, accepte, refuse ou sans_suite.")
	}
	if v := q.Get("since"); v != "" {
		at, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return errs.InvalidField("since", "La date since doit être au format RFC 3339, par exemple 2026-03-02T00:00:00Z.")
		}
		f.Since = at
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > dossiers.MaxOrgPage {
			return errs.InvalidField("limit", "limit doit être un nombre de 1 à 200.")
		}
		f.Limit = n
	}
	c, err := dossiers.ParseCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	f.After = c
	page, err := s.Dossiers.ListForOrg(r.Context(), ag.OrgID, f)
	if err != nil {
		return err
	}
	out := DossierList{Dossiers: []DossierSummary{}, NextCursor: page.Next.String(), HasMore: page.More}
	for _, sm := range page.Dossiers {
		out.Dossiers = append(out.Dossiers, s.summaryJSON(sm))
	}
	return writeJSON(w, http.StatusOK, out)
}

func isListState(st dossiers.State) bool {
	for _, v := range listStates {
		if v == st {
			return true
		}
	}
	return false
}

// etag is a dossier's version as an HTTP entity tag.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// getDossier serves GET /api/v1/dossiers/{reference}: answers, files,
// timeline, messages. The read is written to the audit log, attributed to
// the token.
func (s *Server) getDossier(w http.ResponseWriter, r *http.Request) error {
	if err := checkToken(w, r, auth.OrgToken); err != nil {
		return err
	}
	ctx := r.Context()
	ag := tokenAgent(r)
	d, err := s.Dossiers.GetByReference(ctx, ag, r.PathValue("reference"))
	if err != nil {
		return err
	}
	// The version is the dossier's last change, read with the rest: an
	// If-Match built from it fails if anything changed since this read.
	version := d.UpdatedAt.UnixMicro()
	sm := dossiers.Summary{ID: d.ID, Reference: d.Reference, Procedure: d.Procedure, State: d.State,
		Correction: d.Correction != nil, UpdatedAt: d.UpdatedAt, SubmittedAt: d.SubmittedAt, DecidedAt: d.DecidedAt}
	out := DossierDetail{DossierSummary: s.summaryJSON(sm), Version: strconv.FormatInt(version, 10),
		Answers: d.Answers, Files: []DossierFile{}, Timeline: []DossierEvent{}, Messages: []DossierMessage{}}
	if c := d.Correction; c != nil {
		out.Correction = &DossierCorrection{RequestedAt: c.RequestedAt, Reason: string(c.Reason), Fields: c.Fields, Message: c.Message}
	}
	files, err := s.Dossiers.Files(ctx, d)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.MessageID == 0 {
			out.Files = append(out.Files, s.fileJSON(d.Reference, f))
		}
	}
	if out.Timeline, err = s.timelineJSON(r, d); err != nil {
		return err
	}
	msgs, err := s.Dossiers.Messages(ctx, d)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		jm := DossierMessage{ID: m.ID, At: m.At, From: "person", Body: m.Body, Files: []DossierFile{}}
		if m.FromStaff {
			jm.From = "administration"
		}
		for _, f := range m.Files {
			jm.Files = append(jm.Files, s.fileJSON(d.Reference, f))
		}
		out.Messages = append(out.Messages, jm)
	}
	w.Header().Set("ETag", etag(version))
	w.Header().Set("Cache-Control", "private, no-store")
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) fileJSON(ref string, f dossiers.File) DossierFile {
	return DossierFile{ID: f.ID, Name: f.DownloadName(), Field: f.Field, ContentType: f.ContentType, Size: f.Size,
		SHA256: f.SHA256, UploadedAt: f.UploadedAt.UTC(),
		DownloadURL: s.dossierURL(ref) + "/files/" + strconv.FormatInt(f.ID, 10)}
}

// timelineJSON is the dossier's timeline, each entry with who made it: a
// token of the organisation by its name.
func (s *Server) timelineJSON(r *http.Request, d *dossiers.Dossier) ([]DossierEvent, error) {
	events, err := s.Dossiers.Timeline(r.Context(), d)
	if err != nil {
		return nil, err
	}
	tokens, err := s.Identity.APITokens(r.Context(), d.OrgID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, t := range tokens {
		names[t.ID] = t.Name
	}
	out := []DossierEvent{}
	for _, e := range events {
		je := DossierEvent{At: e.At, Kind: string(e.Kind), Text: e.Text(), FromState: string(e.From), ToState: string(e.To),
			Detail: e.Detail, Actor: "system"}
		switch {
		case e.TokenID != 0:
			je.Actor, je.Token = "token", names[e.TokenID]
		case e.ActorID == d.UserID:
			je.Actor = "person"
		case e.ActorID != 0:
			je.Actor = "agent"
		}
		out = append(out, je)
	}
	return out, nil
}

var errNoFile = errs.E(errs.NotFound, "Ce fichier n'est pas un fichier de ce dossier.")

// getDossierFile serves a file of a dossier to its organisation's token,
// as an attachment. The read is written to the audit log.
func (s *Server) getDossierFile(w http.ResponseWriter, r *http.Request) error {
	if err := checkToken(w, r, auth.OrgToken); err != nil {
		return err
	}
	ctx := r.Context()
	ag := tokenAgent(r)
	sm, err := s.Dossiers.SummaryForOrg(ctx, ag.OrgID, r.PathValue("reference"))
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNoFile
	}
	f, rc, err := s.Dossiers.OpenFileForStaff(ctx, ag, id)
	if err != nil {
		return err
	}
	defer rc.Close()
	if f.DossierID != sm.ID {
		return errNoFile
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.DownloadName()}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, err = io.Copy(w, rc)
	return err
}

package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"guichet/internal/auth"
	"guichet/internal/backoffice"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// stateInput is the body of POST /api/v1/dossiers/{reference}/state.
type stateInput struct {
	State  string `json:"state"`
	Motive string `json:"motive"`
}

// correctionInput is the body of POST …/corrections.
type correctionInput struct {
	Reason  string   `json:"reason"`
	Message string   `json:"message"`
	Fields  []string `json:"fields"`
}

// messageInput is the body of POST …/messages.
type messageInput struct {
	Message string `json:"message"`
}

// MessageCreated answers a message sent.
type MessageCreated struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
}

// writeStates are the states a token may move a dossier to.
var writeStates = map[string]bool{string(dossiers.InInstruction): true, string(dossiers.Accepted): true,
	string(dossiers.Refused): true, string(dossiers.Closed): true}

// readBody reads a write's JSON body into v, refusing unknown fields.
func readBody(r *http.Request, v any) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &codedError{status: http.StatusRequestEntityTooLarge, code: "too_large",
				err: errs.E(errs.Invalid, "La demande est trop lourde : l'API accepte au plus 64 ko.")}
		}
		return nil, errs.Wrap(errs.Invalid, "Le corps de la demande n'a pas pu être lu.", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, errs.E(errs.Invalid, "Le corps de la demande doit être un objet JSON attendu : "+jsonProblem(err))
	}
	return body, nil
}

// renamed gives the dossiers module's field problems the names of the
// API's body.
func renamed(err error, names map[string]string) error {
	fields := errs.FieldsOf(err)
	if len(fields) == 0 {
		return err
	}
	out := make([]errs.FieldError, len(fields))
	for i, f := range fields {
		out[i] = f
		if n, ok := names[f.Field]; ok {
			out[i].Field = n
		}
	}
	return errs.InvalidFields(errs.MessageOf(err), out)
}

// ifMatch reads the version an If-Match header asks for: 0 when there is
// none (or "*"): the change then applies to the current version.
func ifMatch(r *http.Request) (int64, error) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	if v == "" || v == "*" {
		return 0, nil
	}
	n, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(v, "W/"), `"`), 10, 64)
	if err != nil || n <= 0 {
		return 0, errs.E(errs.Invalid, "L'en-tête If-Match doit porter la version du dossier, telle que GET la donne dans ETag.")
	}
	return n, nil
}

// act runs change on the dossier of the path, as the request's token,
// from the version If-Match gives or the current one, and answers the
// dossier's summary as it now is.
func (s *Server) act(ctx context.Context, r *http.Request, change func(ctx context.Context, ag dossiers.Agent, id int64) error) (int, any, error) {
	ag := tokenAgent(r)
	ref := r.PathValue("reference")
	sm, err := s.Dossiers.SummaryForOrg(ctx, ag.OrgID, ref)
	if err != nil {
		return 0, nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return 0, nil, err
	}
	asked := version != 0
	if !asked {
		if version, err = s.Backoffice.OrgVersion(ctx, ag.OrgID, sm.ID); err != nil {
			return 0, nil, err
		}
	}
	err = s.Backoffice.ActForOrg(ctx, ag.OrgID, sm.ID, version, func(ctx context.Context) error {
		return change(ctx, ag, sm.ID)
	})
	if asked && errors.Is(err, backoffice.ErrChanged) {
		return 0, nil, &codedError{status: http.StatusPreconditionFailed, code: "changed", err: errs.E(errs.Conflict,
			"Le dossier a changé depuis la version donnée dans If-Match : relisez-le (GET), puis recommencez si besoin.")}
	}
	if err != nil {
		return 0, nil, err
	}
	if sm, err = s.Dossiers.SummaryForOrg(ctx, ag.OrgID, ref); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.summaryJSON(sm), nil
}

func (s *Server) postDossierState(w http.ResponseWriter, r *http.Request) error {
	if err := checkToken(w, r, auth.OrgTokenWrite); err != nil {
		return err
	}
	var in stateInput
	body, err := readBody(r, &in)
	if err != nil {
		return err
	}
	if !writeStates[in.State] {
		return errs.InvalidField("state", "L'état doit être en_instruction, accepte, refuse ou sans_suite. Pour renvoyer le dossier à la personne, demandez une correction.")
	}
	return s.idempotent(w, r, body, func(ctx context.Context) (int, any, error) {
		return s.act(ctx, r, func(ctx context.Context, ag dossiers.Agent, id int64) error {
			err := s.Dossiers.Move(ctx, id, ag, dossiers.State(in.State), strings.TrimSpace(in.Motive))
			return renamed(err, map[string]string{"motif": "motive"})
		})
	})
}

func (s *Server) postDossierCorrection(w http.ResponseWriter, r *http.Request) error {
	if err := checkToken(w, r, auth.OrgTokenWrite); err != nil {
		return err
	}
	var in correctionInput
	body, err := readBody(r, &in)
	if err != nil {
		return err
	}
	return s.idempotent(w, r, body, func(ctx context.Context) (int, any, error) {
		return s.act(ctx, r, func(ctx context.Context, ag dossiers.Agent, id int64) error {
			err := s.Dossiers.RequestCorrection(ctx, id, ag, dossiers.Reason(in.Reason), in.Fields, strings.TrimSpace(in.Message))
			return renamed(err, map[string]string{"motif": "reason", "champs": "fields"})
		})
	})
}

func (s *Server) postDossierMessage(w http.ResponseWriter, r *http.Request) error {
	if err := checkToken(w, r, auth.OrgTokenWrite); err != nil {
		return err
	}
	var in messageInput
	body, err := readBody(r, &in)
	if err != nil {
		return err
	}
	return s.idempotent(w, r, body, func(ctx context.Context) (int, any, error) {
		var m *dossiers.Message
		if _, _, err := s.act(ctx, r, func(ctx context.Context, ag dossiers.Agent, id int64) error {
			var err error
			m, err = s.Dossiers.PostStaffMessage(ctx, ag, id, in.Message, nil)
			return err
		}); err != nil {
			return 0, nil, err
		}
		return http.StatusCreated, MessageCreated{ID: m.ID, At: m.At}, nil
	})
}

// idempotent runs a write once per Idempotency-Key of the token: the
// write and its answer commit together, and the same key sent again gets
// that answer back (with Idempotent-Replayed: true) without the write
// being done twice. A refusal that changed nothing is kept too, except a
// conflict (409) or a limit (429), which may pass when tried again.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, body []byte, do func(ctx context.Context) (int, any, error)) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		status, v, err := do(r.Context())
		if err != nil {
			return err
		}
		return writeJSON(w, status, v)
	}
	sum := sha256.Sum256(body)
	k := identity.IdempotencyKey{TokenID: auth.PrincipalOf(r).APIToken.ID, Key: key,
		Fingerprint: r.Method + " " + r.URL.Path + " " + hex.EncodeToString(sum[:])}
	ran := false
	ans, replayed, err := s.Identity.Idempotent(r.Context(), k, func(ctx context.Context) (identity.IdempotentAnswer, error) {
		ran = true
		status, v, err := do(ctx)
		if err != nil {
			return identity.IdempotentAnswer{}, err
		}
		b, err := json.Marshal(v)
		return identity.IdempotentAnswer{Status: status, Body: append(b, '\n')}, err
	})
	if err != nil {
		status, eb := s.errorBody(r, err)
		if ran && status >= 400 && status < 500 && status != http.StatusConflict && status != http.StatusTooManyRequests {
			b, _ := json.Marshal(eb)
			if rerr := s.Identity.Remember(r.Context(), k, identity.IdempotentAnswer{Status: status, Body: append(b, '\n')}); rerr != nil {
				s.Logger.Error("keep an idempotent refusal", "err", rerr)
			}
		}
		return err
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(ans.Status)
	_, err = w.Write(ans.Body)
	return err
}

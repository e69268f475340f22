package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"guichet/internal/identity"
)

// acks is what the clients were told was done: only these must be found.
type acks struct {
	mu sync.Mutex
	// Pages are draft pages answered 303: the dossier, a field and its value.
	Pages []pageAck `json:"pages"`
	// Submissions are dossiers whose receipt showed a reference.
	Submissions []submissionAck `json:"submissions"`
	// Decisions are state changes an agent was answered 303 for.
	Decisions []decisionAck `json:"decisions"`
	// Started counts, per person, the dossiers they started: a person never
	// has more sent dossiers than that.
	Started map[int64]int `json:"started"`
}

type pageAck struct {
	Dossier int64  `json:"dossier"`
	Page    string `json:"page"`
	Field   string `json:"field"`
	Value   string `json:"value"`
}

type submissionAck struct {
	Dossier   int64  `json:"dossier"`
	UserID    int64  `json:"user"`
	Reference string `json:"reference"`
}

type decisionAck struct {
	Dossier int64  `json:"dossier"`
	State   string `json:"state"`
}

func (a *acks) page(p pageAck) {
	a.mu.Lock()
	a.Pages = append(a.Pages, p)
	a.mu.Unlock()
}

func (a *acks) submitted(s submissionAck) {
	a.mu.Lock()
	a.Submissions = append(a.Submissions, s)
	a.mu.Unlock()
}

func (a *acks) decided(d decisionAck) {
	a.mu.Lock()
	a.Decisions = append(a.Decisions, d)
	a.mu.Unlock()
}

func (a *acks) started(user int64) {
	a.mu.Lock()
	a.Started[user]++
	a.mu.Unlock()
}

// citizen is a person of the load, signed in with SMS chosen for messages.
type citizen struct {
	*client
	userID int64
	n      int // the person's number, which makes their answers their own
}

var referenceRE = regexp.MustCompile(`class="reference[^"]*">([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})<`)

// browse is what anyone does first: the home page, a search, a procedure,
// the help places near them.
func (c *citizen) browse(ctx context.Context) {
	for _, p := range []string{"/", "/demarches?q=naissance", "/demarches/prime-naissance", "/lieux?q=paris"} {
		c.retry(ctx, "GET", p, nil)
	}
}

// journey starts the birth grant, fills it page by page and sends it. Each
// page answered 303 is acknowledged, and so is the reference on the
// receipt. It stops at the first step that fails four times, as a person
// gives up; the next journey takes the draft up again.
func (c *citizen) journey(ctx context.Context, seq int, out *acks, sent chan<- submissionAck) error {
	c.browse(ctx)
	status, h, _, err := c.retry(ctx, "GET", "/demarches/prime-naissance/commencer", nil)
	if err != nil {
		return err
	}
	loc := h.Get("Location")
	dossier, _, ok := strings.Cut(strings.TrimPrefix(loc, "/mes-demarches/"), "/")
	id, perr := strconv.ParseInt(dossier, 10, 64)
	if status != http.StatusSeeOther || !ok || perr != nil {
		return fmt.Errorf("start: %d to %q", status, loc)
	}
	out.started(c.userID)
	path := "/mes-demarches/" + dossier
	mine := strconv.Itoa(1000000 + c.n*1000 + seq%1000)
	year := time.Now().AddDate(1, 0, 0).Format("2006")
	for _, step := range []struct {
		page, field, value string
		form               url.Values
	}{
		{"1", "allocataire", mine, url.Values{"allocataire": {mine}}},
		{"2", "naissance_prevue", year, url.Values{"naissance_prevue.day": {"10"}, "naissance_prevue.month": {"3"}, "naissance_prevue.year": {year}}},
		{"3", "activite", "salarie", url.Values{"activite": {"salarie"}}},
		{"5", "revenus", strconv.Itoa(20000 + c.n*100 + seq), url.Values{"revenus": {strconv.Itoa(20000 + c.n*100 + seq)}}},
		{"6", "iban", "FR7630006000011234567890189", url.Values{"iban": {"FR76 3000 6000 0112 3456 7890 189"}}},
		{"7", "email", c.who, url.Values{"email": {c.who}}},
	} {
		step.form.Set("action", "continuer")
		status, _, body, err := c.retry(ctx, "POST", path+"/etape/"+step.page, step.form)
		if err != nil {
			return err
		}
		if status != http.StatusSeeOther {
			return fmt.Errorf("page %s of dossier %d: %d %.300s", step.page, id, status, body)
		}
		out.page(pageAck{Dossier: id, Page: step.page, Field: step.field, Value: step.value})
	}
	if _, _, _, err := c.retry(ctx, "POST", path+"/envoyer", url.Values{}); err != nil {
		// The sending may have gone through before the node died: the
		// receipt page tells.
		if ctx.Err() != nil {
			return err
		}
	}
	_, _, receipt, err := c.retry(ctx, "GET", path+"/recu", nil)
	if err != nil {
		return err
	}
	ref := referenceRE.FindStringSubmatch(receipt)
	if ref == nil {
		return fmt.Errorf("dossier %d: no reference on the receipt", id)
	}
	s := submissionAck{Dossier: id, UserID: c.userID, Reference: ref[1]}
	out.submitted(s)
	select {
	case sent <- s:
	default: // the agent is behind: this dossier waits in the queue
	}
	return nil
}

// agent is the CAF's demo agent, deciding the dossiers sent.
type agent struct{ *client }

var versionRE = regexp.MustCompile(`name="version" value="([0-9]+)"`)

// signIn signs the agent in with the password and the TOTP code.
func (a *agent) signIn(ctx context.Context) error {
	status, _, body, err := a.retry(ctx, "POST", "/connexion", url.Values{"email": {"agent@demo.guichet.test"},
		"password": {"agent-demo-2026"}})
	if err != nil || status != http.StatusSeeOther {
		return fmt.Errorf("agent sign-in: %d %v %.300s", status, err, body)
	}
	code, err := identity.TOTPCode("UC76SDZV734YMMGAMCMV3DL4NS3KMACU", time.Now())
	if err != nil {
		return err
	}
	status, _, body, err = a.retry(ctx, "POST", "/connexion/second-facteur", url.Values{"code": {code}})
	if err != nil || status != http.StatusSeeOther {
		return fmt.Errorf("agent second factor: %d %v %.300s", status, err, body)
	}
	return nil
}

// decide takes a sent dossier up, and accepts one in two.
func (a *agent) decide(ctx context.Context, s submissionAck, out *acks) error {
	a.retry(ctx, "GET", "/espace/caf/dossiers", nil)
	for i, state := range []string{"en_instruction", "accepte"} {
		if i == 1 && s.Dossier%2 == 1 {
			return nil
		}
		path := fmt.Sprintf("/espace/caf/dossiers/%d", s.Dossier)
		_, _, page, err := a.retry(ctx, "GET", path, nil)
		if err != nil {
			return err
		}
		v := versionRE.FindStringSubmatch(page)
		if v == nil {
			return fmt.Errorf("dossier %d: no version on the agent's page", s.Dossier)
		}
		status, _, body, err := a.retry(ctx, "POST", path+"/etat", url.Values{"version": {v[1]}, "etat": {state}})
		if err != nil {
			return err
		}
		if status != http.StatusSeeOther {
			return fmt.Errorf("dossier %d to %s: %d %.300s", s.Dossier, state, status, body)
		}
		out.decided(decisionAck{Dossier: s.Dossier, State: state})
	}
	return nil
}

package identity

import (
	"strings"
	"testing"
	"time"

	"guichet/internal/errs"
)

func TestAPITokenLifecycle(t *testing.T) {
	f := newFixture(t)
	caf, obs := f.org(t, "caf", KindAdministration), f.org(t, "observatoire", KindAdministration)
	admin, err := f.svc.CreateUser(f.ctx, NewUser{Email: "admin@caf.example", Name: "Alex", Password: goodPassword, Role: RoleAdmin, OrgSlug: "caf"})
	if err != nil {
		t.Fatal(err)
	}
	agent, err := f.svc.CreateUser(f.ctx, NewUser{Email: "agent@caf.example", Name: "Sam", Password: goodPassword, Role: RoleAgent, OrgSlug: "caf"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.CreateAPIToken(f.ctx, agent, caf.ID, "Avis papier"); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("an agent created a token: %v", err)
	}
	if _, _, err := f.svc.CreateAPIToken(f.ctx, admin, obs.ID, "Avis papier"); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("an admin of the CAF created a token of the observatory: %v", err)
	}
	secret, tok, err := f.svc.CreateAPIToken(f.ctx, admin, caf.ID, "Avis papier")
	if err != nil || !strings.HasPrefix(secret, APITokenPrefix) || len(secret) < 40 {
		t.Fatalf("CreateAPIToken = %q, %v", secret, err)
	}
	var stored int
	if err := f.db.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM api_tokens WHERE secret_hash = $1`, secret).Scan(&stored); err != nil || stored != 0 {
		t.Fatalf("the secret is stored in clear (%d, %v)", stored, err)
	}
	got, err := f.svc.APITokenBySecret(f.ctx, secret)
	if err != nil || got.ID != tok.ID || got.Org.Slug != "caf" || got.Observatory || got.LastUsedAt == nil {
		t.Fatalf("APITokenBySecret = %+v, %v", got, err)
	}
	if _, err := f.svc.APITokenBySecret(f.ctx, secret+"x"); !errs.Is(err, errs.Unauthorized) {
		t.Fatalf("a wrong secret: %v", err)
	}
	f.clock.Advance(time.Hour)
	if err := f.svc.RevokeAPIToken(f.ctx, admin, caf.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.APITokenBySecret(f.ctx, secret); !errs.Is(err, errs.Unauthorized) {
		t.Fatalf("a revoked token still works: %v", err)
	}
	list, err := f.svc.APITokens(f.ctx, caf.ID)
	if err != nil || len(list) != 1 || list[0].RevokedAt == nil {
		t.Fatalf("APITokens = %+v, %v", list, err)
	}
	evs := strings.Join(f.events(t, admin.ID), " ")
	if !strings.Contains(evs, EventAPITokenCreated) || !strings.Contains(evs, EventAPITokenRevoked) {
		t.Fatalf("audit = %s", evs)
	}
}

func TestObservatoryTokenIsMarked(t *testing.T) {
	f := newFixture(t)
	obs := f.org(t, "observatoire", KindAdministration)
	admin, err := f.svc.CreateUser(f.ctx, NewUser{Email: "admin@obs.example", Name: "Alex", Password: goodPassword, Role: RoleAdmin, OrgSlug: "observatoire"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateUser(f.ctx, NewUser{Email: "amina@obs.example", Name: "Amina", Password: goodPassword, Role: RoleObservatory, OrgSlug: "observatoire"}); err != nil {
		t.Fatal(err)
	}
	secret, _, err := f.svc.CreateAPIToken(f.ctx, admin, obs.ID, "Import")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.APITokenBySecret(f.ctx, secret); err != nil || !got.Observatory {
		t.Fatalf("APITokenBySecret = %+v, %v; want an observatory token", got, err)
	}
}

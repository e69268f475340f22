package identity

import (
	"testing"

	"guichet/internal/errs"
)

func TestDisableAndEnableUser(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	token, err := f.svc.CreateSession(f.ctx, u.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := f.svc.DisableUser(f.ctx, "Camille@Exemple.fr"); err != nil || !changed {
		t.Fatalf("disable: %v, %v; want true", changed, err)
	}
	if changed, err := f.svc.DisableUser(f.ctx, "camille@exemple.fr"); err != nil || changed {
		t.Errorf("disable twice: %v, %v; want false", changed, err)
	}
	if changed, err := f.svc.DisableUser(f.ctx, "personne@exemple.fr"); err != nil || changed {
		t.Errorf("disable an unknown address: %v, %v; want false, nil", changed, err)
	}
	if _, _, err := f.svc.SessionByToken(f.ctx, token); err == nil {
		t.Error("the session of a disabled account still works")
	}
	_, err = f.svc.Authenticate(f.ctx, u.Email, goodPassword, "")
	wantKind(t, err, errs.Invalid)

	if err := f.svc.EnableUser(f.ctx, u.Email); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, ""); err != nil {
		t.Errorf("sign-in after enabling: %v", err)
	}
	wantKind(t, f.svc.EnableUser(f.ctx, "personne@exemple.fr"), errs.NotFound)
}

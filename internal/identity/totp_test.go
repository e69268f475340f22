package identity

import (
	"bytes"
	"encoding/base32"
	"image/png"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
)

// rfcSecret is the SHA-1 seed of RFC 6238 appendix B, "12345678901234567890".
var rfcSecret = base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))

func TestTOTPRFC6238Vectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		unix  int64
		eight string // the RFC's 8-digit value
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		t.Run(time.Unix(tt.unix, 0).UTC().Format(time.RFC3339), func(t *testing.T) {
			at := time.Unix(tt.unix, 0)
			if got := hotp([]byte("12345678901234567890"), totpStep(at), 8); got != tt.eight {
				t.Errorf("8 digits: got %s, want %s", got, tt.eight)
			}
			got, err := TOTPCode(rfcSecret, at)
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.eight[2:]; got != want {
				t.Errorf("6 digits: got %s, want %s", got, want)
			}
		})
	}
}

func TestTOTPCodeAcceptsSecretForms(t *testing.T) {
	t.Parallel()
	at := time.Unix(1111111111, 0)
	for _, secret := range []string{rfcSecret, strings.ToLower(rfcSecret), groupBy4(strings.TrimRight(rfcSecret, "="))} {
		got, err := TOTPCode(secret, at)
		if err != nil || got != "050471" {
			t.Errorf("TOTPCode(%q) = %q, %v; want 050471", secret, got, err)
		}
	}
	if _, err := TOTPCode("pas du base32 !", at); err == nil {
		t.Error("a bad secret gave no error")
	}
}

func TestMatchTOTPSkewAndReplay(t *testing.T) {
	t.Parallel()
	key := []byte("12345678901234567890")
	now := time.Unix(1111111111, 0) // step 37037037
	cur := totpStep(now)
	codeAt := func(step int64) string { return hotp(key, step, 6) }
	tests := []struct {
		name       string
		code       string
		lastStep   int64
		wantStep   int64
		wantOK     bool
		wantReplay bool
	}{
		{"current", codeAt(cur), 0, cur, true, false},
		{"with spaces", codeAt(cur)[:3] + " " + codeAt(cur)[3:], 0, cur, true, false},
		{"one step early", codeAt(cur - 1), 0, cur - 1, true, false},
		{"one step late", codeAt(cur + 1), 0, cur + 1, true, false},
		{"two steps early", codeAt(cur - 2), 0, 0, false, false},
		{"two steps late", codeAt(cur + 2), 0, 0, false, false},
		{"replayed", codeAt(cur), cur, 0, false, true},
		{"older than last used", codeAt(cur - 1), cur, 0, false, true},
		{"newer than last used", codeAt(cur + 1), cur, cur + 1, true, false},
		{"wrong", "000000", 0, 0, false, false}, // not the code of steps cur-1…cur+1 for this key
		{"too short", codeAt(cur)[:5], 0, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, ok, replay := matchTOTP(key, tt.code, now, tt.lastStep)
			if step != tt.wantStep || ok != tt.wantOK || replay != tt.wantReplay {
				t.Errorf("got step %d ok %v replay %v, want %d %v %v", step, ok, replay, tt.wantStep, tt.wantOK, tt.wantReplay)
			}
		})
	}
}

func TestTOTPEnrolment(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "agent@exemple.fr")
	secret, link, qr, err := f.svc.BeginTOTP(f.ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) != 39 || strings.Count(secret, " ") != 7 {
		t.Errorf("secret %q is not 32 base32 characters grouped by 4", secret)
	}
	parsed, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := parsed.Query()
	if parsed.Scheme != "otpauth" || parsed.Host != "totp" || parsed.Path != "/Guichet:agent@exemple.fr" ||
		q.Get("secret") != strings.ReplaceAll(secret, " ", "") || q.Get("issuer") != "Guichet" {
		t.Errorf("otpauth URL %q", link)
	}
	if img, err := png.Decode(bytes.NewReader(qr)); err != nil || img.Bounds().Dx() < 100 {
		t.Errorf("QR code is not a usable PNG: %v", err)
	}
	var sealed string
	f.db.QueryRowContext(f.ctx, `SELECT totp_secret FROM users WHERE id = $1`, u.ID).Scan(&sealed)
	if !strings.HasPrefix(sealed, "v1:") || strings.Contains(sealed, q.Get("secret")) {
		t.Errorf("stored secret %q is not sealed", sealed)
	}

	// Not on until confirmed.
	wantKind(t, f.svc.VerifyTOTP(f.ctx, u.ID, "123456"), errs.Invalid)
	_, err = f.svc.ConfirmTOTP(f.ctx, u.ID, "000000")
	if code, _ := TOTPCode(secret, start); code != "000000" {
		wantKind(t, err, errs.Invalid)
	}
	code, err := TOTPCode(secret, start)
	if err != nil {
		t.Fatal(err)
	}
	codes, err := f.svc.ConfirmTOTP(f.ctx, u.ID, code)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 {
		t.Fatalf("got %d recovery codes, want 10", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 9 || c[4] != '-' || strings.ContainsAny(c, "01ilo") || seen[c] {
			t.Errorf("recovery code %q is malformed or repeated", c)
		}
		seen[c] = true
	}
	got, _ := f.svc.UserByID(f.ctx, u.ID)
	if !got.TOTPEnabled {
		t.Error("TOTPEnabled is false after ConfirmTOTP")
	}
	// The confirming code cannot be replayed to sign in.
	wantKind(t, f.svc.VerifyTOTP(f.ctx, u.ID, code), errs.Invalid)
	f.clock.Advance(30 * time.Second)
	next, _ := TOTPCode(secret, f.clock.Now())
	if err := f.svc.VerifyTOTP(f.ctx, u.ID, next); err != nil {
		t.Fatalf("next code: %v", err)
	}
	err = f.svc.VerifyTOTP(f.ctx, u.ID, next)
	wantKind(t, err, errs.Invalid)
	if !strings.Contains(errs.MessageOf(err), "déjà servi") {
		t.Errorf("replay message %q", errs.MessageOf(err))
	}
	// Enrolling again needs a reset first.
	_, _, _, err = f.svc.BeginTOTP(f.ctx, u.ID)
	wantKind(t, err, errs.Conflict)
	_, err = f.svc.ConfirmTOTP(f.ctx, u.ID, next)
	wantKind(t, err, errs.Conflict)
	if err := f.svc.ResetTOTP(f.ctx, u.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.UserByID(f.ctx, u.ID); got.TOTPEnabled {
		t.Error("TOTPEnabled after ResetTOTP")
	}
	if n, _ := f.svc.RecoveryCodesLeft(f.ctx, u.ID); n != 0 {
		t.Errorf("%d recovery codes left after ResetTOTP", n)
	}
	if _, _, _, err := f.svc.BeginTOTP(f.ctx, u.ID); err != nil {
		t.Errorf("BeginTOTP after reset: %v", err)
	}
}

func TestVerifyTOTPSkewAgainstServiceClock(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "agent@exemple.fr")
	const secret = "4NSLQCL3BFQ32L6CEF7D6EWOWDAZ45AB"
	if err := f.svc.SetTOTPSecret(f.ctx, u.ID, secret); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		offset time.Duration // phone clock minus server clock
		ok     bool
	}{
		{"phone 50 s behind", -50 * time.Second, false},
		{"phone 25 s behind", -25 * time.Second, true},
		{"on time", 0, true},
		{"phone 25 s ahead", 25 * time.Second, true},
		{"phone 50 s ahead", 50 * time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A fresh step each time, so that earlier successes do not
			// make this code a replay.
			f.clock.Advance(2 * time.Minute)
			code, _ := TOTPCode(secret, f.clock.Now().Add(tt.offset))
			err := f.svc.VerifyTOTP(f.ctx, u.ID, code)
			if tt.ok && err != nil {
				t.Errorf("got %v, want the code accepted", err)
			}
			if !tt.ok {
				wantKind(t, err, errs.Invalid)
			}
		})
	}
}

func TestVerifyTOTPThrottle(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "agent@exemple.fr")
	const secret = "UC76SDZV734YMMGAMCMV3DL4NS3KMACU"
	if err := f.svc.SetTOTPSecret(f.ctx, u.ID, secret); err != nil {
		t.Fatal(err)
	}
	good, _ := TOTPCode(secret, f.clock.Now())
	wrong := "123456"
	if wrong == good {
		wrong = "654321"
	}
	for i := 1; i <= 4; i++ {
		wantKind(t, f.svc.VerifyTOTP(f.ctx, u.ID, wrong), errs.Invalid)
	}
	wantKind(t, f.svc.VerifyTOTP(f.ctx, u.ID, wrong), errs.TooMany)
	wantKind(t, f.svc.VerifyTOTP(f.ctx, u.ID, good), errs.TooMany)
	wantKind(t, f.svc.UseRecoveryCode(f.ctx, u.ID, "abcd-efgh"), errs.TooMany)
	f.clock.Advance(30 * time.Second)
	good, _ = TOTPCode(secret, f.clock.Now())
	if err := f.svc.VerifyTOTP(f.ctx, u.ID, good); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

func TestRecoveryCodes(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "agent@exemple.fr")
	other := f.citizen(t, "autre@exemple.fr")
	secret, _, _, err := f.svc.BeginTOTP(f.ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := TOTPCode(secret, f.clock.Now())
	codes, err := f.svc.ConfirmTOTP(f.ctx, u.ID, code)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		userID int64
		code   string
		ok     bool
	}{
		{"first code", u.ID, codes[0], true},
		{"used again", u.ID, codes[0], false},
		{"capitals and no hyphen", u.ID, strings.ToUpper(strings.ReplaceAll(codes[1], "-", "")), true},
		{"someone else's", other.ID, codes[2], false},
		{"made up", u.ID, "zzzz-zzzz", false},
		{"last code", u.ID, codes[9], true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.svc.UseRecoveryCode(f.ctx, tt.userID, tt.code)
			if tt.ok && err != nil {
				t.Fatalf("got %v, want the code accepted", err)
			}
			if !tt.ok {
				wantKind(t, err, errs.Invalid)
			}
		})
	}
	if n, _ := f.svc.RecoveryCodesLeft(f.ctx, u.ID); n != 7 {
		t.Errorf("got %d codes left, want 7", n)
	}
	want := []string{EventAccountCreated, EventTOTPEnrolled, EventRecoveryCodeUsed, EventTOTPFailed,
		EventRecoveryCodeUsed, EventTOTPFailed, EventRecoveryCodeUsed}
	if diff := cmp.Diff(want, f.events(t, u.ID)); diff != "" {
		t.Errorf("audit events (-want +got):\n%s", diff)
	}
}

func TestSetTOTPSecret(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "agent@exemple.fr")
	wantKind(t, f.svc.SetTOTPSecret(f.ctx, u.ID, "JBSWY3DPEHPK3PXP"), errs.Invalid) // 80 bits only
	wantKind(t, f.svc.SetTOTPSecret(f.ctx, u.ID, "pas du base32 !"), errs.Invalid)
	wantKind(t, f.svc.SetTOTPSecret(f.ctx, u.ID+1, "JP3VJ5NZV4ND6UZRLD6W4LUDH2C4T4G3"), errs.NotFound)
	if err := f.svc.SetTOTPSecret(f.ctx, u.ID, "jp3v j5nz v4nd 6uzr ld6w 4lud h2c4 t4g3"); err != nil {
		t.Fatal(err)
	}
	code, _ := TOTPCode("JP3VJ5NZV4ND6UZRLD6W4LUDH2C4T4G3", f.clock.Now())
	if err := f.svc.VerifyTOTP(f.ctx, u.ID, code); err != nil {
		t.Errorf("code of the known secret: %v", err)
	}
}

// BenchmarkHashRecoveryCode measures the light argon2id that guards each
// recovery code: one runs per attempt.
func BenchmarkHashRecoveryCode(b *testing.B) {
	for b.Loop() {
		hashRecoveryCode(42, "k7m29xqp")
	}
}

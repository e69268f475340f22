package identity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"
)

// Claims is what Guichet keeps of a verified sign-in: the ID token's
// claims completed from the verified userinfo.
type Claims struct {
	Profile       string // the provider's profile key
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	// The identity pivot FranceConnect vouches for.
	GivenName, FamilyName, PreferredUsername string
	Birthdate, Birthplace, Birthcountry      string
	Gender                                   string
	// ProConnect: the agent's organisation.
	UsualName, UID, SIRET, IDPID, OrganizationLabel string
	ACR                                             string
	AMR                                             []string
	MultiFactor                                     bool   // acr or amr prove a multi-factor sign-in
	IDToken                                         string // raw, for the end-session hint
}

// rawClaims reads the claims of an ID token or userinfo response.
type rawClaims struct {
	Issuer            string   `json:"iss"`
	Subject           string   `json:"sub"`
	Audience          audience `json:"aud"`
	Expiry            *float64 `json:"exp"`
	IssuedAt          *float64 `json:"iat"`
	Email             string   `json:"email"`
	EmailVerified     any      `json:"email_verified"` // some providers send "true"
	Name              string   `json:"name"`
	GivenName         string   `json:"given_name"`
	FamilyName        string   `json:"family_name"`
	UsualName         string   `json:"usual_name"`
	PreferredUsername string   `json:"preferred_username"`
	Birthdate         string   `json:"birthdate"`
	Birthplace        string   `json:"birthplace"`
	Birthcountry      string   `json:"birthcountry"`
	Gender            string   `json:"gender"`
	UID               string   `json:"uid"`
	SIRET             string   `json:"siret"`
	IDPID             string   `json:"idp_id"`
	OrganizationLabel string   `json:"organization_label"`
	ACR               string   `json:"acr"`
	AMR               []string `json:"amr"`
}

// audience reads "aud", a string or an array of strings.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*a = many
	return nil
}

// merge fills the empty fields of c from r (userinfo completes the ID token).
func (r rawClaims) merge(c *Claims) {
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&c.Email, r.Email)
	if r.Email != "" && strings.EqualFold(r.Email, c.Email) && (r.EmailVerified == true || r.EmailVerified == "true") {
		c.EmailVerified = true
	}
	set(&c.GivenName, r.GivenName)
	set(&c.FamilyName, r.FamilyName)
	set(&c.UsualName, r.UsualName)
	set(&c.PreferredUsername, r.PreferredUsername)
	set(&c.Birthdate, r.Birthdate)
	set(&c.Birthplace, r.Birthplace)
	set(&c.Birthcountry, r.Birthcountry)
	set(&c.Gender, r.Gender)
	set(&c.UID, r.UID)
	set(&c.SIRET, r.SIRET)
	set(&c.IDPID, r.IDPID)
	set(&c.OrganizationLabel, r.OrganizationLabel)
	set(&c.ACR, r.ACR)
	if len(c.AMR) == 0 {
		c.AMR = r.AMR
	}
	name := r.Name
	if name == "" {
		// ProConnect's usual_name is the family name in use.
		name = strings.TrimSpace(r.GivenName + " " + firstNonEmpty(r.FamilyName, r.UsualName))
	}
	set(&c.Name, name)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

func idTokenClaims(idt *oidc.IDToken) (Claims, error) {
	var r rawClaims
	if err := idt.Claims(&r); err != nil {
		return Claims{}, fmt.Errorf("openid connect claims: %w", err)
	}
	if idt.Subject == "" {
		return Claims{}, errors.New("openid connect: the ID token has no subject")
	}
	c := Claims{Issuer: idt.Issuer, Subject: idt.Subject}
	r.merge(&c)
	return c, nil
}

// fillFromUserInfo completes c from the userinfo endpoint, as FranceConnect
// sends the e-mail and names only there. A signed (and for FranceConnect+
// encrypted) answer is verified like an ID token: signature with the
// provider's keys, issuer, audience, the same subject, expiry. The
// FranceConnect profiles accept nothing else.
func (o *OIDC) fillFromUserInfo(ctx context.Context, tok *oauth2.Token, c *Claims) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, o.provider.UserInfoEndpoint(), nil)
	if err != nil {
		return fmt.Errorf("openid connect userinfo: %w", err)
	}
	tok.SetAuthHeader(req)
	resp, err := oauth2.NewClient(ctx, nil).Do(req)
	if err != nil {
		return fmt.Errorf("openid connect userinfo: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("openid connect userinfo: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("openid connect userinfo: status %d", resp.StatusCode)
	}
	var r rawClaims
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case ct == "application/jwt":
		if r, err = o.verifyUserInfoJWT(ctx, strings.TrimSpace(string(body))); err != nil {
			return fmt.Errorf("openid connect userinfo: %w", err)
		}
	case o.profile.Key == "franceconnect" || o.profile.Key == "franceconnect-plus":
		return fmt.Errorf("openid connect userinfo: %q answer, want a signed application/jwt", ct)
	default:
		if err := json.Unmarshal(body, &r); err != nil {
			return fmt.Errorf("openid connect userinfo claims: %w", err)
		}
	}
	if r.Subject != c.Subject {
		return errors.New("openid connect: userinfo is about another subject than the ID token")
	}
	r.merge(c)
	return nil
}

// verifyUserInfoJWT checks a userinfo JWT and returns its claims. An
// unknown key id makes the key set fetch the provider's keys again.
func (o *OIDC) verifyUserInfoJWT(ctx context.Context, raw string) (rawClaims, error) {
	signed, err := o.decrypted(raw)
	if err != nil {
		return rawClaims{}, err
	}
	if _, err := jose.ParseSigned(signed, []jose.SignatureAlgorithm{jose.ES256, jose.RS256}); err != nil {
		return rawClaims{}, fmt.Errorf("not signed with ES256 or RS256: %w", err)
	}
	payload, err := o.keys.VerifySignature(ctx, signed)
	if err != nil {
		return rawClaims{}, fmt.Errorf("signature: %w", err)
	}
	var r rawClaims
	if err := json.Unmarshal(payload, &r); err != nil {
		return rawClaims{}, fmt.Errorf("claims: %w", err)
	}
	now := time.Now()
	switch {
	case r.Issuer != o.issuer:
		return rawClaims{}, fmt.Errorf("issuer %q, want %q", r.Issuer, o.issuer)
	case !slices.Contains(r.Audience, o.clientID):
		return rawClaims{}, fmt.Errorf("audience %v does not include this client", r.Audience)
	case r.Expiry != nil && now.Add(-clockSkew).After(time.Unix(int64(*r.Expiry), 0)):
		return rawClaims{}, errors.New("expired")
	case r.IssuedAt != nil && now.Add(clockSkew).Before(time.Unix(int64(*r.IssuedAt), 0)):
		return rawClaims{}, errors.New("issued in the future")
	}
	return r, nil
}

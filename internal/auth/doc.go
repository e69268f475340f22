// Package auth says who is making a request and whether they may make it,
// for every surface of Guichet (the pages in internal/web, the JSON API in
// internal/api).
//
// A request proves who it comes from through a Source: the session cookie
// of a browser (SessionCookie) for the pages, an organisation's API token
// (BearerToken) for the JSON API. Load runs the sources and
// puts the Principal it finds in the request context; User, Session and
// FullySignedIn read it back.
//
// Each route declares a Rule (Anyone, SignedIn, SecondFactorPending,
// Staff(roles…), OrgToken); Check enforces it and answers with an error the surface
// turns into its own answer: the pages redirect to sign-in or to the second
// factor, the API answers 401 or 403.
package auth

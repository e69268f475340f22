package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
)

// maxFormBody is the largest body an ordinary form may send: the longest
// form (a procedure with all its texts) stays far below it.
const maxFormBody = 1 << 20

// bodyRule is how much a route may receive, and whether it takes a file.
type bodyRule struct {
	limit int64 // bytes
	file  bool  // multipart (a file upload) accepted
}

// bodyRuleOf returns the rule of a route: the one bodyRules gives it, or
// maxFormBody without file.
func bodyRuleOf(pattern string) bodyRule {
	if rule, ok := bodyRules[pattern]; ok {
		return rule
	}
	return bodyRule{limit: maxFormBody}
}

// limitBody caps the body of r to the route's rule before anything reads
// it: a body declared too big is refused at once with 413, a multipart body
// is refused with 415 where no file is expected, and a form is read here,
// within the cap, so that a body that lied about its size is cut short with
// 413 too. It returns errHandled when it has answered.
func (s *Server) limitBody(w http.ResponseWriter, r *http.Request, pattern string) error {
	if r.Body == nil || r.Body == http.NoBody || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	rule := bodyRuleOf(pattern)
	if r.ContentLength > rule.limit {
		s.serveTooLarge(w, r, rule.limit)
		return errHandled
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" && !rule.file {
		s.serveBodyError(w, r, http.StatusUnsupportedMediaType, "Envoi refusé",
			"Cette page n'accepte pas de fichier.",
			"Revenez à la page précédente et envoyez le formulaire sans y joindre de fichier.")
		return errHandled
	}
	r.Body = http.MaxBytesReader(w, r.Body, rule.limit)
	if mediaType == "application/x-www-form-urlencoded" {
		var tooBig *http.MaxBytesError
		if err := r.ParseForm(); errors.As(err, &tooBig) {
			s.serveTooLarge(w, r, rule.limit)
			return errHandled
		}
	}
	return nil
}

// serveTooLarge answers 413 with a page that says the limit.
func (s *Server) serveTooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	s.serveBodyError(w, r, http.StatusRequestEntityTooLarge, "Envoi trop lourd",
		fmt.Sprintf("Le fichier ou le formulaire envoyé est trop lourd : cette page accepte au plus %s.", sizeText(limit)),
		"Revenez à la page précédente, raccourcissez vos textes ou choisissez un fichier plus léger, puis réessayez.")
}

// serveBodyError shows the error page with a status that errs has no kind for.
func (s *Server) serveBodyError(w http.ResponseWriter, r *http.Request, status int, heading, msg, next string) {
	v := errorView{Page: s.page(r, heading), Status: status, Heading: heading, Message: msg, Next: next}
	if err := s.render(w, status, "error", v); err != nil {
		s.Logger.Error("render error page", "err", err)
		http.Error(w, heading, status)
	}
}

// sizeText writes a size in plain French: "1 Mo", "20 Mo", "16 ko".
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d Mo", n>>20)
	}
	return fmt.Sprintf("%d ko", max(n>>10, 1))
}

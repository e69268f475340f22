package api

import "net/http"

// smsReceipts records the delivery receipts an SMS provider calls back
// with. The provider authenticates itself (a secret in the callback address
// or a signature, as its documentation says); anything else is refused
// with 401 and changes nothing.
func (s *Server) smsReceipts(w http.ResponseWriter, r *http.Request) error {
	n, err := s.Notify.Receipts(r.Context(), r.PathValue("provider"), r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"updated": n})
}

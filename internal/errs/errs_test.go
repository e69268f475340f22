package errs

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindAndMessageThroughWrapping(t *testing.T) {
	cause := errors.New("sql: no rows")
	tests := []struct {
		name      string
		err       error
		kind      Kind
		msg, fld  string
		wrapsSame bool
	}{
		{"plain", E(NotFound, "Introuvable."), NotFound, "Introuvable.", "", false},
		{"wrapped", fmt.Errorf("read: %w", Wrap(Conflict, "Déjà fait.", cause)), Conflict, "Déjà fait.", "", true},
		{"field", InvalidField("email", "Indiquez votre adresse e-mail."), Invalid, "Indiquez votre adresse e-mail.", "email", false},
		{"formatted", Errorf(TooMany, "Attendez %d secondes.", 30), TooMany, "Attendez 30 secondes.", "", false},
		{"foreign", cause, Internal, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.kind {
				t.Errorf("KindOf = %v, want %v", got, tt.kind)
			}
			if got := MessageOf(tt.err); got != tt.msg {
				t.Errorf("MessageOf = %q, want %q", got, tt.msg)
			}
			if got := FieldOf(tt.err); got != tt.fld {
				t.Errorf("FieldOf = %q, want %q", got, tt.fld)
			}
			if got := errors.Is(tt.err, cause); got != tt.wrapsSame {
				t.Errorf("errors.Is(cause) = %v, want %v", got, tt.wrapsSame)
			}
		})
	}
}

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

// TestFieldsKeepTheirOrder checks that field problems come back in the
// order the module gave them (the order of its form), also when wrapped.
func TestFieldsKeepTheirOrder(t *testing.T) {
	fields := []FieldError{{"nom", "Indiquez le nom."}, {"adresse", "Indiquez l'adresse."}, {"code_postal", "5 chiffres."}}
	err := fmt.Errorf("update place 3: %w", InvalidFields("Corrigez les champs signalés.", fields))
	got := FieldsOf(err)
	if len(got) != 3 || got[0].Field != "nom" || got[1].Field != "adresse" || got[2].Field != "code_postal" {
		t.Errorf("FieldsOf = %v, want nom, adresse, code_postal", got)
	}
	if !Is(err, Invalid) || MessageOf(err) != "Corrigez les champs signalés." || FieldOf(err) != "nom" {
		t.Errorf("kind %v, message %q, field %q", KindOf(err), MessageOf(err), FieldOf(err))
	}
	if InvalidFields("x", nil) != nil {
		t.Error("InvalidFields without a problem is not nil")
	}
	if FieldsOf(E(NotFound, "absent")) != nil {
		t.Error("FieldsOf of an error without fields is not nil")
	}
}

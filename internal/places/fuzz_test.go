package places

import (
	"errors"
	"io"
	"testing"
	"time"
)

// readEverything reads data as format f the way Import does, without a
// database, and checks what every row gives.
func readEverything(t *testing.T, data []byte, f Format) {
	src, err := openSource(data, f, importNow)
	if err != nil {
		return
	}
	for n := 0; ; n++ {
		rec, broken, err := src.next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil || broken != nil {
			continue
		}
		p, problems, _ := build(rec, src.options())
		if len(problems) == 0 {
			if fe := Validate(&p); len(fe) > 0 {
				t.Fatalf("row %d was accepted but Validate refuses it: %v\nplace: %+v", n, fe, p)
			}
			p.OpenAt(time.Date(2024, 5, 7, 8, 0, 0, 0, time.UTC))
		}
		if n > 100000 {
			t.Fatal("too many rows for the input")
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("id,pivot,nom,commune,code_postal,adresse,date_maj\n1,43493312300029,Lieu,Reims,51100,1 rue,2024-01-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat(data)
		readEverything(t, data, V1CSV)
		readEverything(t, data, FranceServicesCSV)
	})
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`[{"id": "1", "pivot": "43493312300029", "nom": "Lieu", "commune": "Reims", "code_postal": "51100", "adresse": "1 rue", "date_maj": "2024-01-01"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectFormat(data)
		readEverything(t, data, V1JSON)
		readEverything(t, data, CartographieJSON)
	})
}

package api

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestEveryRouteIsDocumentedForGenerators: each route of routes() is an
// operation of the document with an operationId, its security said (an
// empty list for the public ones) and a 4XX answer, which client
// generators and the linter of CI (scripts/openapi-lint.sh) need.
func TestEveryRouteIsDocumentedForGenerators(t *testing.T) {
	t.Parallel()
	doc := openAPIDocument()
	paths := doc["paths"].(map[string]any)
	ids := map[string]string{}
	for route := range (&Server{}).routes() {
		method, path, _ := strings.Cut(route, " ")
		if path == "/api/v1/openapi.json" {
			continue
		}
		item, ok := paths[path].(map[string]any)
		if !ok {
			t.Errorf("%s is not in the document", route)
			continue
		}
		op, ok := item[strings.ToLower(method)].(map[string]any)
		if !ok {
			t.Errorf("%s has no %s operation in the document", path, method)
			continue
		}
		id, _ := op["operationId"].(string)
		if id == "" {
			t.Errorf("%s has no operationId", route)
		} else if other, dup := ids[id]; dup {
			t.Errorf("%s and %s share the operationId %s", route, other, id)
		}
		ids[id] = route
		if _, ok := op["security"]; !ok {
			t.Errorf("%s does not say its security (an empty list when public)", route)
		}
		has4xx := false
		for code := range op["responses"].(map[string]any) {
			has4xx = has4xx || strings.HasPrefix(code, "4")
		}
		if !has4xx {
			t.Errorf("%s documents no 4XX answer", route)
		}
	}
}

func TestServedDocumentNamesTheInstance(t *testing.T) {
	t.Parallel()
	f := newDossiersAPI(t)
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	var doc struct {
		Servers []struct{ URL string } `json:"servers"`
		Info    struct {
			License struct{ Name string } `json:"license"`
		} `json:"info"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || len(doc.Servers) != 1 || doc.Servers[0].URL != "https://guichet.test" ||
		doc.Info.License.Name == "" {
		t.Fatalf("document: %+v, %v", doc, err)
	}
}

package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guichet/internal/readability"
)

// procedure mirrors procedures/<slug>.json. The test decodes with DisallowUnknownFields so
// that a misspelt key fails here instead of being silently dropped by the loader.
type procedure struct {
	Slug           string      `json:"slug"`
	Title          string      `json:"title"`
	Summary        string      `json:"summary"`
	FALC           string      `json:"falc"`
	Audience       string      `json:"audience"`
	Conditions     []string    `json:"conditions"`
	Documents      []string    `json:"documents"`
	Cost           string      `json:"cost"`
	Delay          string      `json:"delay"`
	Channels       []channel   `json:"channels"`
	Administration string      `json:"administration"`
	Category       string      `json:"category"`
	LifeEvents     []string    `json:"life_events"`
	Synonyms       []string    `json:"synonyms"`
	Volume         int64       `json:"volume"`
	HelpContact    helpContact `json:"help_contact"`
	OfflineWay     string      `json:"offline_way"`
}

type channel struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	URL     string `json:"url"`
	Phone   string `json:"phone"`
	Address string `json:"address"`
}

type helpContact struct {
	Label string `json:"label"`
	Phone string `json:"phone"`
	URL   string `json:"url"`
}

type lifeEvent struct {
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Procedures []string `json:"procedures"`
}

var (
	categories = []string{"papiers", "famille", "social", "travail", "logement", "transports",
		"argent", "justice", "etranger", "loisirs"}
	administrations = []string{"caf", "cpam", "france-travail", "prefecture", "mairie", "dgfip",
		"ants", "assurance-retraite", "mdph", "crous", "ministere-justice", "ministere-interieur",
		"anah", "urssaf", "asp", "antai"}
	channelKinds = []string{"online", "external", "in_person", "phone", "post"}
	// offlineKinds are the channels that need neither a computer nor a phone with internet.
	offlineKinds = []string{"in_person", "phone", "post"}

	requiredProcedures = []string{"carte-nationale-identite", "passeport", "permis-de-conduire",
		"carte-grise", "changement-adresse", "inscription-listes-electorales", "procuration",
		"acte-naissance", "declaration-revenus", "avis-imposition", "prime-activite", "rsa",
		"aide-logement", "allocations-familiales", "allocation-rentree-scolaire", "prime-naissance",
		"inscription-france-travail", "actualisation-france-travail", "complementaire-sante-solidaire",
		"carte-vitale", "attestation-droits-assurance-maladie", "declaration-medecin-traitant",
		"demande-retraite", "aspa", "mdph", "aah", "bourse-etudiant", "cheque-energie",
		"logement-social", "titre-sejour", "casier-judiciaire", "aide-juridictionnelle",
		"ma-prime-renov", "paiement-amende", "declaration-perte-vol", "recensement-citoyen",
		"creation-micro-entreprise", "naturalisation", "declaration-deces", "changement-nom"}
	requiredLifeEvents = []string{"je-demenage", "j-attends-un-enfant", "je-perds-mon-emploi",
		"je-prends-ma-retraite", "je-suis-en-situation-de-handicap", "je-suis-etudiant",
		"je-passe-le-permis", "je-suis-victime-d-un-vol", "j-arrive-en-france", "un-proche-decede",
		"j-ai-18-ans", "je-cree-mon-entreprise", "mes-revenus-baissent"}

	// minSummaryScore is the Kandel & Moles score every summary must reach: "standard", the
	// level of a popular newspaper. FALC texts, written for people who read with difficulty,
	// must reach minFALCScore, "assez facile".
	minSummaryScore = 60.0
	minFALCScore    = 70.0

	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	phonePattern = regexp.MustCompile(`^[0-9]+( [0-9]+)*$`)
	// acronymPattern finds a word of two capitals or more ("CAF", "RSA"): FALC texts spell
	// names out instead.
	acronymPattern = regexp.MustCompile(`\b\p{Lu}{2,}\b`)
)

// decodeStrict decodes one JSON value from data into v, refusing unknown keys and trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return &json.SyntaxError{Offset: dec.InputOffset()}
	}
	return nil
}

// loadProcedures reads every procedure file, keyed by slug.
func loadProcedures(t *testing.T) map[string]procedure {
	t.Helper()
	files, err := fs.Glob(FS, "procedures/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no procedure files (err %v)", err)
	}
	procs := map[string]procedure{}
	for _, name := range files {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var p procedure
		if err := decodeStrict(data, &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); p.Slug != want {
			t.Errorf("%s: slug %q, want the file name %q", name, p.Slug, want)
		}
		procs[p.Slug] = p
	}
	return procs
}

// loadLifeEvents reads life-events.json.
func loadLifeEvents(t *testing.T) []lifeEvent {
	t.Helper()
	data, err := FS.ReadFile("life-events.json")
	if err != nil {
		t.Fatal(err)
	}
	var events []lifeEvent
	if err := decodeStrict(data, &events); err != nil {
		t.Fatalf("life-events.json: %v", err)
	}
	return events
}

// sentences splits a text at sentence ends, the way a reader pauses.
func sentences(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".?!\n", r) }) {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func TestRequiredProceduresPresent(t *testing.T) {
	procs := loadProcedures(t)
	for _, slug := range requiredProcedures {
		if _, ok := procs[slug]; !ok {
			t.Errorf("procedure %q is missing", slug)
		}
	}
}

func TestProcedureFields(t *testing.T) {
	for slug, p := range loadProcedures(t) {
		t.Run(slug, func(t *testing.T) {
			if !slugPattern.MatchString(p.Slug) {
				t.Errorf("slug %q: want lower-case words joined by hyphens", p.Slug)
			}
			texts := map[string]string{"title": p.Title, "summary": p.Summary, "falc": p.FALC,
				"audience": p.Audience, "cost": p.Cost, "delay": p.Delay, "offline_way": p.OfflineWay,
				"help_contact.label": p.HelpContact.Label}
			for key, v := range texts {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", key)
				}
			}
			lists := map[string][]string{"conditions": p.Conditions, "documents": p.Documents,
				"synonyms": p.Synonyms}
			for key, l := range lists {
				if len(l) == 0 || slices.Contains(l, "") {
					t.Errorf("%s = %q: want at least one item and no empty item", key, l)
				}
			}
			if !slices.Contains(categories, p.Category) {
				t.Errorf("category %q is not one of %v", p.Category, categories)
			}
			if !slices.Contains(administrations, p.Administration) {
				t.Errorf("administration %q is not a demo organisation", p.Administration)
			}
			if p.Volume <= 0 {
				t.Errorf("volume %d: want a positive yearly volume", p.Volume)
			}
			if !phonePattern.MatchString(p.HelpContact.Phone) {
				t.Errorf("help_contact.phone %q: want digits in groups, like \"3939\" or \"0 809 401 401\"", p.HelpContact.Phone)
			}
			if u := p.HelpContact.URL; u != "" && !strings.HasPrefix(u, "https://") {
				t.Errorf("help_contact.url %q: want https", u)
			}
		})
	}
}

func TestProcedureChannels(t *testing.T) {
	for slug, p := range loadProcedures(t) {
		t.Run(slug, func(t *testing.T) {
			offline := false
			for i, c := range p.Channels {
				if err := checkChannel(c); err != "" {
					t.Errorf("channel %d (%q): %s", i, c.Label, err)
				}
				offline = offline || slices.Contains(offlineKinds, c.Kind)
			}
			if !offline {
				t.Errorf("no channel of kind %v: every procedure needs a way without internet", offlineKinds)
			}
		})
	}
}

// checkChannel returns what is wrong with c, or "".
func checkChannel(c channel) string {
	switch {
	case !slices.Contains(channelKinds, c.Kind):
		return "kind " + c.Kind + " is unknown"
	case strings.TrimSpace(c.Label) == "":
		return "label is empty"
	case c.Kind == "external" && !strings.HasPrefix(c.URL, "https://"):
		return "an external channel needs an https url"
	case c.Kind != "external" && c.URL != "":
		return "only an external channel carries a url"
	case c.Kind == "phone" && !phonePattern.MatchString(c.Phone):
		return "a phone channel needs a phone number made of digits"
	case c.Kind != "phone" && c.Phone != "":
		return "only a phone channel carries a phone number"
	case c.Kind == "post" && strings.TrimSpace(c.Address) == "":
		return "a post channel needs an address"
	case c.Kind != "post" && c.Address != "":
		return "only a post channel carries an address"
	}
	return ""
}

func TestProcedureTextsArePlain(t *testing.T) {
	for slug, p := range loadProcedures(t) {
		t.Run(slug, func(t *testing.T) {
			// A question ("Vous déménagez ?") counts as a sentence, so 2 or 3 sentences of
			// content may read as 4.
			if n := len(sentences(p.Summary)); n < 2 || n > 4 {
				t.Errorf("summary has %d sentences, want 2 to 4 short ones", n)
			}
			for _, s := range sentences(p.Summary) {
				if n := len(strings.Fields(s)); n > 16 {
					t.Errorf("summary sentence of %d words, want at most 16: %q", n, s)
				}
			}
			if a := acronymPattern.FindAllString(p.FALC, -1); len(a) > 0 {
				t.Errorf("falc uses acronyms %q: spell them out", a)
			}
			for _, line := range strings.Split(p.FALC, "\n") {
				if n := len(sentences(line)); n != 1 {
					t.Errorf("falc line holds %d sentences, want one sentence a line: %q", n, line)
				}
				if n := len(strings.Fields(line)); n > 15 {
					t.Errorf("falc line of %d words, want at most 15: %q", n, line)
				}
			}
		})
	}
}

func TestLifeEvents(t *testing.T) {
	procs := loadProcedures(t)
	events := loadLifeEvents(t)
	listed := map[string][]string{} // procedure slug → life events that list it
	seen := map[string]bool{}
	for _, e := range events {
		if seen[e.Slug] || !slugPattern.MatchString(e.Slug) {
			t.Errorf("life event %q: duplicate or malformed slug", e.Slug)
		}
		seen[e.Slug] = true
		if e.Title == "" || e.Summary == "" || len(e.Procedures) == 0 {
			t.Errorf("life event %q: want a title, a summary and procedures", e.Slug)
		}
		for _, s := range e.Procedures {
			if _, ok := procs[s]; !ok {
				t.Errorf("life event %q lists unknown procedure %q", e.Slug, s)
			}
			if slices.Contains(listed[s], e.Slug) {
				t.Errorf("life event %q lists %q twice", e.Slug, s)
			}
			listed[s] = append(listed[s], e.Slug)
		}
	}
	for _, slug := range requiredLifeEvents {
		if !seen[slug] {
			t.Errorf("life event %q is missing", slug)
		}
	}
	for slug, p := range procs {
		got := slices.Sorted(slices.Values(p.LifeEvents))
		want := slices.Sorted(slices.Values(listed[slug]))
		if !slices.Equal(got, want) {
			t.Errorf("procedure %q: life_events %v, but the life events listing it are %v", slug, got, want)
		}
	}
}

func TestSynonymsWellFormed(t *testing.T) {
	data, err := FS.ReadFile("synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	rules := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rules++
		if err := checkSynonymLine(line); err != "" {
			t.Errorf("synonyms.txt line %d %q: %s", n, line, err)
		}
	}
	if rules < 60 {
		t.Errorf("synonyms.txt has %d rules, want at least 60", rules)
	}
}

// checkSynonymLine returns what is wrong with one rule, or "".
func checkSynonymLine(line string) string {
	left, right, found := strings.Cut(line, "=>")
	if !found {
		left, right, found = strings.Cut(line, "=")
	}
	switch {
	case !found:
		return `want "a = b | c" or "a => b | c"`
	case strings.Contains(right, "="):
		return `want a single "=" or "=>"`
	}
	for _, side := range []string{left, right} {
		for term := range strings.SplitSeq(side, "|") {
			if strings.TrimSpace(term) == "" {
				return `a term is empty: check the "|"`
			}
		}
	}
	return ""
}

func TestSearchQueries(t *testing.T) {
	procs := loadProcedures(t)
	data, err := FS.ReadFile("search-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0] != "query\tslug" {
		t.Fatalf("header %q, want %q", lines[0], "query\tslug")
	}
	seen := map[string]bool{}
	expected := map[string]bool{}
	for i, line := range lines[1:] {
		query, slug, ok := strings.Cut(line, "\t")
		switch {
		case !ok || strings.Contains(slug, "\t") || strings.TrimSpace(query) == "":
			t.Errorf("line %d %q: want query<TAB>slug", i+2, line)
		case seen[query]:
			t.Errorf("line %d: query %q appears twice", i+2, query)
		case procs[slug].Slug == "":
			t.Errorf("line %d: query %q expects unknown procedure %q", i+2, query, slug)
		}
		seen[query] = true
		expected[slug] = true
	}
	if len(seen) < 150 {
		t.Errorf("%d queries, want at least 150", len(seen))
	}
	// A development set that skips a required procedure cannot tell when its search breaks.
	for _, slug := range requiredProcedures {
		if !expected[slug] {
			t.Errorf("no query expects %q", slug)
		}
	}
}

func TestReadability(t *testing.T) {
	for slug, p := range loadProcedures(t) {
		t.Run(slug, func(t *testing.T) {
			if got := readability.Score(p.Summary); got < minSummaryScore {
				t.Errorf("summary scores %.1f, want at least %.0f: %q", got, minSummaryScore, p.Summary)
			}
			if got := readability.Score(p.FALC); got < minFALCScore {
				t.Errorf("falc scores %.1f, want at least %.0f", got, minFALCScore)
			}
			for _, w := range readability.Check(p.Summary).Warnings {
				if w.Kind != readability.KindLongWord {
					t.Errorf("summary: %s", w.Message)
				}
			}
		})
	}
	for _, e := range loadLifeEvents(t) {
		if got := readability.Score(e.Summary); got < minSummaryScore {
			t.Errorf("life event %q: summary scores %.1f, want at least %.0f", e.Slug, got, minSummaryScore)
		}
	}
}

// TestEasyTextsHaveHeadings: an easy-to-read text longer than 8 lines has subheadings
// ("# Comment faire ?"), as the catalogue requires before publishing.
func TestEasyTextsHaveHeadings(t *testing.T) {
	for slug, p := range loadProcedures(t) {
		lines, headings := 0, 0
		for _, l := range strings.Split(p.FALC, "\n") {
			switch l = strings.TrimSpace(l); {
			case strings.HasPrefix(l, "# "):
				headings++
			case l != "":
				lines++
			}
		}
		if lines > 8 && headings == 0 {
			t.Errorf("%s: %d lines of easy-to-read text without a subheading", slug, lines)
		}
	}
}

package web

import (
	"strconv"

	"guichet/internal/listening"
)

// faceChoice is one face of the overall question, with its words.
type faceChoice struct {
	Value, Label, Face string
}

// helpRow is one kind of help on the form, with what was answered about it.
type helpRow struct {
	Value, Label               string
	Checked                    bool
	Reached, Quality, ReachErr string
	None                       bool // "no help": no follow-up questions
}

// feedbackForm is the questionnaire as the page draws it, shared by the
// public form and the agents' paper entry.
type feedbackForm struct {
	Form     *Form
	Faces    []faceChoice
	Clarity  []faceChoice
	Helps    []helpRow
	Qualites []faceChoice
}

func newFeedbackForm(f *Form) feedbackForm {
	v := feedbackForm{Form: f}
	faces := map[listening.Overall]string{listening.OverallBad: "🙁", listening.OverallMedium: "😐", listening.OverallGood: "🙂"}
	for _, o := range listening.Overalls() {
		v.Faces = append(v.Faces, faceChoice{Value: string(o), Label: o.Label(), Face: faces[o]})
	}
	clarity := []string{"Pas du tout claires", "Peu claires", "Moyennement claires", "Claires", "Très claires"}
	for i, l := range clarity {
		v.Clarity = append(v.Clarity, faceChoice{Value: strconv.Itoa(i + 1), Label: strconv.Itoa(i+1) + " – " + l})
	}
	for i, l := range listening.QualityLabels {
		v.Qualites = append(v.Qualites, faceChoice{Value: strconv.Itoa(i + 1), Label: l})
	}
	checked := map[string]bool{}
	for _, h := range f.Values["help"] {
		checked[h] = true
	}
	for _, h := range listening.Helps() {
		name := string(h)
		v.Helps = append(v.Helps, helpRow{Value: name, Label: h.Label(), Checked: checked[name],
			Reached: f.Get("reached-" + name), Quality: f.Get("quality-" + name), None: h == listening.HelpNone,
			ReachErr: f.ErrorFor("quality-" + name)})
	}
	return v
}

// feedbackAnswer reads the questionnaire from a posted form. A help counts
// as sought when it is ticked, or when something is said about it.
func feedbackAnswer(f *Form, slug string) listening.Answer {
	a := listening.Answer{Procedure: slug, Overall: listening.Overall(f.Get("overall")), Comment: f.Get("comment")}
	a.Clarity, _ = strconv.Atoi(f.Get("clarity"))
	checked := map[string]bool{}
	for _, h := range f.Values["help"] {
		checked[h] = true
	}
	for _, h := range listening.Helps() {
		name := string(h)
		reached, quality := f.Get("reached-"+name), f.Get("quality-"+name)
		if !checked[name] && (h == listening.HelpNone || (reached == "" && quality == "")) {
			continue
		}
		ha := listening.HelpAnswer{Help: h}
		switch reached {
		case "oui":
			ha.Reached = new(bool)
			*ha.Reached = true
		case "non":
			ha.Reached = new(bool)
		}
		if quality != "" {
			if ha.Quality, _ = strconv.Atoi(quality); ha.Quality == 0 {
				ha.Quality = -1
			}
		}
		a.Helps = append(a.Helps, ha)
	}
	return a
}

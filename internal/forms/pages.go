package forms

// PageShown tells whether page p (0-based) is shown given the answers: at least one of its
// questions is (a page of only texts to read is shown when one of them is). A page whose
// questions are all hidden by conditions is skipped, even with a section title left.
func (f *Form) PageShown(p int, answers Answers) bool {
	if p < 0 || p >= len(f.Pages) {
		return false
	}
	questions, texts := false, false
	for i := range f.Pages[p].Fields {
		fd := &f.Pages[p].Fields[i]
		if fd.Type.Answered() {
			questions = true
			if f.Visible(fd, answers) {
				return true
			}
		} else if f.Visible(fd, answers) {
			texts = true
		}
	}
	return !questions && texts
}

// ShownPages returns the pages shown given the answers, in order.
func (f *Form) ShownPages(answers Answers) []int {
	var out []int
	for p := range f.Pages {
		if f.PageShown(p, answers) {
			out = append(out, p)
		}
	}
	return out
}

// First returns the first shown page, -1 when the form shows none.
func (f *Form) First(answers Answers) int { return f.Next(-1, answers) }

// Next returns the shown page after p, -1 after the last one (then comes "Vérifiez vos
// réponses").
func (f *Form) Next(p int, answers Answers) int {
	for q := p + 1; q < len(f.Pages); q++ {
		if f.PageShown(q, answers) {
			return q
		}
	}
	return -1
}

// Prev returns the shown page before p, -1 before the first one. Prev(len(Pages)) is the
// last shown page, where Back leads from "Vérifiez vos réponses".
func (f *Form) Prev(p int, answers Answers) int {
	for q := min(p, len(f.Pages)) - 1; q >= 0; q-- {
		if f.PageShown(q, answers) {
			return q
		}
	}
	return -1
}

// Step returns the position of page p among the shown pages (1-based) and their number,
// for "Étape 2 sur 5". n is 0 when p is not shown.
func (f *Form) Step(p int, answers Answers) (n, total int) {
	for _, q := range f.ShownPages(answers) {
		total++
		if q == p {
			n = total
		}
	}
	return n, total
}

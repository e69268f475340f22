package eligibility

import "strconv"

// Next returns the first question that is asked and not yet answered, and
// false when the questionnaire is complete.
func Next(a Answers) (Question, bool) {
	for _, q := range Questions() {
		if q.Visible(a) && !a.Has(q.ID) {
			return q, true
		}
	}
	return Question{}, false
}

// Step tells the person where they are in the questionnaire.
type Step struct {
	// Current is the number of the question being asked, from 1; it equals
	// Total once everything is answered.
	Current int
	// Total is the number of questions asked given the answers so far. It
	// can only go down as answers come, because a question is counted
	// until an answer hides it.
	Total int
}

// String writes the step for the page, "Question 3 sur 10".
func (s Step) String() string {
	return "Question " + strconv.Itoa(s.Current) + " sur " + strconv.Itoa(s.Total)
}

// Progress returns the step of the next question to ask.
func Progress(a Answers) Step {
	var s Step
	answered := 0
	for _, q := range Questions() {
		if !q.Visible(a) {
			continue
		}
		s.Total++
		if a.Has(q.ID) {
			answered++
		}
	}
	s.Current = min(answered+1, s.Total)
	return s
}

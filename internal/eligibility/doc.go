// Package eligibility is the "Mes droits" simulator of Guichet: a short
// questionnaire on the person's situation, one question per page, and
// eligibility rules written as CEL expressions over the answers.
//
// The questionnaire is data (Questions), the answers travel as form values
// (ParseAnswers, Answers.Encode), and an Engine compiles rules once and
// evaluates them many times, concurrently. DefaultRules gives simplified
// rules for the main French benefits; every result is indicative (Notice).
//
// The package does no input or output of its own: the pages are built on
// top of it elsewhere.
package eligibility

// Notice is the sentence shown with every result, because the rules are
// simplified and only the paying body can decide.
const Notice = "Ce résultat est donné a priori, d'après vos seules réponses. Seul l'organisme qui verse l'aide peut dire si vous y avez droit."

// Package readability measures how easy a French text is to read and points at what makes it
// hard, for the editors of the catalogue.
//
// The score is Kandel & Moles' adaptation of the Flesch reading ease to French:
//
//	207 − 1.015 × words/sentence − 73.6 × syllables/word
//
// Syllables are counted from groups of vowels, the way French is spoken: the final e of
// "carte" or the -ent of "ils parlent" are silent, "réaction" has three syllables. The count
// is an estimate, good enough to compare texts and to flag the long words.
package readability

// Package listening holds Écoute, what people tell the administrations
// about their procedures: the feedback questionnaire of every procedure
// ("Je donne mon avis", the national JDMA questions), answered online or
// entered by agents from the paper forms of the counter, by hand or through
// the API. It stores each answer anonymously, on the national scales, so
// that the observatory computes its indicators (satisfaction, clarté, aide
// joignable, aide efficace, autonomie) with plain means; it masks the
// personal data people write in comments and limits how many answers one
// address may send in an hour.
package listening

// Package listening holds Écoute, what people tell the administrations
// about their procedures: the feedback questionnaire of every procedure
// ("Je donne mon avis", the national JDMA questions), answered online or
// entered by agents from the paper forms of the counter, by hand or through
// the API. It stores each answer anonymously, on the national scales, so
// that the observatory computes its indicators (satisfaction, clarté, aide
// joignable, aide efficace, autonomie) with plain means; it masks the
// personal data people write in comments and limits how many answers one
// address may send in an hour.
//
// It also holds what follows the questionnaire: experiences people tell,
// moderated by the staff of the procedure's organisation before they are
// published and answered publicly (each with its time to first reply, each
// administration with its median and share answered); the agents' own
// suggestion box, among staff only, one vote per colleague; listening
// workshops, whose participants are counted, never named, and whose
// verbatims reach the owner of the procedure; and actions, which answer
// those proposals, roll their progress up from their children by weight,
// aim at an indicator and write to their followers on each change of
// status, in the transaction of the change.
package listening

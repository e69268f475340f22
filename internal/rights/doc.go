// Package rights is the accès aux droits of Guichet: with a person's
// consent (recorded in the consent register for one purpose, "chercher
// des aides auxquelles vous avez peut-être droit"), it evaluates the
// eligibility rules of the catalogue on what the person allowed it to
// use, their profile and the answers they kept from "Mes droits", and
// keeps the aid they are likely missing as suggestions: each with its
// reason, the conditions not checked ("a priori") and the date of the
// parameters used.
//
// Suggestions are evaluated again when the profile changes (the profile
// service's hook), when a kept answer changes, and when the rules or the
// parameters in force change (Sweep compares a fingerprint of both). A new
// suggestion is told by e-mail or SMS through internal/notify at most once
// per aid and person in a year, never at night: the message waits for
// 08:00, Europe/Paris. The person dismisses a suggestion ("Ce n'est pas
// pour moi"), or sends anonymous feedback on it ("Résultat inattendu ?")
// that the rule's owner reads and turns into a reference household.
// Withdrawing the consent deletes the person's suggestions at once, and
// the jobs still queued for them do nothing.
//
// A mediator of a help structure holding a mandate that covers social or
// argent sees the same suggestions while the consent lasts; every view is
// written in the person's access log.
//
// Take-up is counted without naming anyone: per month and aid, how many
// suggestions were made and how many led to an application started from
// them. It is published as open data.
package rights

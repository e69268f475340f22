// Package backoffice holds what the agents of an administration need to
// work through the dossiers of their procedures: the team of each
// procedure (chosen by its owner) and the queue of dossiers an agent may
// see, filtered, counted and paginated. The dossiers themselves, their
// states and their actions stay in internal/dossiers.
package backoffice

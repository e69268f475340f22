// Package catalogue is the front door of Guichet: the procedures (démarches) described in
// plain French, the life events that group them, the forgiving search that finds them, and
// the eligibility rules of the "Mes droits" simulator.
//
// Procedures are edited by their organisation's owners as revisions: each save adds a draft
// revision, and publishing makes one revision the public one. The public side reads a
// Snapshot: every published procedure, the life events and a search index, all in memory so
// that search gives the same results on SQLite and PostgreSQL. A catalogue version stored in
// the database goes up with every change that the public can see; each node checks it at most
// once per CheckEvery and rebuilds its snapshot when it moved, so that several nodes behind a
// load balancer stay in step.
package catalogue

// Package filestore keeps the files people attach to their dossiers
// (pièces justificatives) outside the database, under names the database
// holds: in a folder, which every node of a cluster shares (a network
// mount), or in an S3-compatible bucket. Nodes keep no file of their own,
// so that any node serves a file another one received.
package filestore

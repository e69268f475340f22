// Package backup makes a consistent copy of an instance's data and brings
// it back: the database, the folder of the dossiers' files and the secret
// key that opens the sealed fields, with a manifest of every table's row
// count and content digest taken from the very state the copy holds.
//
// On SQLite the copy is VACUUM INTO, which reads one snapshot while the
// server keeps serving. On PostgreSQL it is pg_dump, reading a snapshot
// exported from the transaction that computes the manifest, so that both
// see the same state; without pg_dump, Backup says what to install or use
// instead and still writes the manifest, which Check compares to a copy
// made by other means.
package backup

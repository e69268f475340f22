// Command guichet runs Guichet: the web server, the background workers and
// the administration commands. It only wires: the work is in internal/.
// Each sub-command lives in a file of its own with its own flags.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Guichet : les services publics en ligne, sans laisser personne de côté.

Utilisation :
  guichet serve [options]                  sert le site et exécute les tâches de fond
  guichet worker [--once] [options]        exécute les tâches de fond seulement
  guichet migrate [options]                met à jour le schéma de la base de données
  guichet user create --email E --role R [--org SLUG] [--name N] [options]
                                           crée un compte (mot de passe lu sur l'entrée standard ou dans GUICHET_PASSWORD)
  guichet token create --org SLUG --name NOM [--read-only] [options]
                                           crée un jeton d'API de l'organisation et l'affiche une seule fois
  guichet webhook create --org SLUG --url URL [--events E1,E2] [options]
                                           enregistre un webhook de l'organisation et affiche son secret une seule fois
  guichet places import FICHIER [--format F] [options]
                                           importe des lieux d'aide
  guichet places export [--format v1-csv|v1-json] [--output FICHIER] [options]
                                           exporte les lieux d'aide
  guichet demo generate [--dossiers N] [--feedback N] [options]
                                           ajoute des dossiers et des avis inventés à la démonstration (mesures)
  guichet backup --out DOSSIER [options]   copie la base, les pièces jointes et la clé, serveurs en marche
  guichet restore --from DOSSIER [--force | --check] [options]
                                           remet une sauvegarde en place et la vérifie
  guichet journal verify [options]         vérifie la chaîne du journal des mandats
  guichet sms count [--transliterate] TEXTE
                                           affiche le codage, le nombre de parties et la longueur d'un SMS
  guichet totp SECRET                      affiche le code TOTP actuel d'un secret (démonstration)
  guichet openapi                          affiche le document OpenAPI de l'API
  guichet version                          affiche la version

Chaque commande qui touche aux données prend --data DOSSIER et GUICHET_DATABASE_URL comme serve.
« guichet COMMANDE --help » liste les options de la commande et leurs variables d'environnement.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// env is what a sub-command receives from the process.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
}

// commands maps each sub-command to the function that runs it.
var commands = map[string]func(ctx context.Context, args []string, e env) error{
	"serve":   serve,
	"worker":  worker,
	"migrate": migrate,
	"user":    user,
	"places":  placesCmd,
	"journal": journalCmd,
	"sms":     smsCmd,
	"totp":    totp,
	"token":   tokenCmd,
	"openapi": openapiCmd,
	"webhook": webhookCmd,
	"version": versionCmd,
	"demo":    demoCmd,
	"backup":  backupCmd,
	"restore": restoreCmd,
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "commande inconnue « %s »\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(ctx, args[1:], env{stdout: stdout, stderr: stderr, stdin: os.Stdin, getenv: getenv})
	return exitCode(err, stderr)
}

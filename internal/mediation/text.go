package mediation

// TextVersion is the version of the mandate text the person reads now. A
// new wording gets a new version; the old ones stay in texts, as mandates
// given under them point to them.
const TextVersion = "v1"

// texts are the mandate texts by version, in plain French. The person
// reads this before they consent; the attestation names its version.
var texts = map[string]string{
	"v1": "Je donne mandat à la structure d'aide nommée ci-dessous pour faire à ma place, " +
		"avec moi ou pour moi, des démarches administratives en ligne, seulement dans les domaines cochés " +
		"et seulement pendant la durée choisie. " +
		"Ce mandat est donné à la structure, pas à une seule personne : ses médiateurs habilités peuvent agir. " +
		"Tout ce qu'ils font pour moi est écrit dans un journal que je peux lire dans mon compte. " +
		"Je peux arrêter ce mandat à tout moment, dans mon compte (Mes mandats) ou en le demandant à la structure. " +
		"La structure ne peut pas utiliser mon mot de passe.",
}

// Text returns the mandate text of a version, "" for an unknown one.
func Text(version string) string { return texts[version] }

package notify

// defaultTemplate is the French wording of a kind when the organisation has
// not written its own: plain, short, with the reference where there is one.
type defaultTemplate struct {
	subject, email, sms string
}

var defaults = map[Kind]defaultTemplate{
	DossierReceived: {
		subject: "Votre demande ((reference)) est bien reçue",
		email: "Bonjour,\n\nVotre demande ((reference)) (((procedure))) est bien reçue.\n" +
			"Nous vous écrirons quand elle avancera.\n\nSuivre votre demande : ((link))\n\n" +
			"Donnez votre avis sur cette démarche : ((feedback_link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Votre demande ((reference)) est bien reçue. Nous vous écrirons quand elle avancera. Suivi : ((link))",
	},
	StateChanged: {
		subject: "Votre demande ((reference)) : ((state))",
		email: "Bonjour,\n\nVotre demande ((reference)) (((procedure))) a changé d'état : ((state)).\n\n" +
			"Voir le détail : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Votre demande ((reference)) : ((state)). Détail : ((link))",
	},
	CorrectionRequested: {
		subject: "Votre demande ((reference)) : une correction est nécessaire",
		email: "Bonjour,\n\nPour traiter votre demande ((reference)) (((procedure))), nous avons besoin d'une correction : ((reason)).\n" +
			"Merci de la faire avant le ((deadline)).\n\nCorriger votre demande : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Votre demande ((reference)) doit être corrigée avant le ((deadline)) : ((link))",
	},
	MessageReceived: {
		subject: "Nouveau message sur votre demande ((reference))",
		email: "Bonjour,\n\nVous avez un nouveau message sur votre demande ((reference)) (((procedure))).\n\n" +
			"Le lire : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Nouveau message sur votre demande ((reference)). Le lire : ((link))",
	},
	DraftExpiring: {
		subject: "Votre brouillon sera supprimé le ((expires_on))",
		email: "Bonjour,\n\nVous avez commencé une demande (((procedure))) sans l'envoyer.\n" +
			"Elle sera supprimée le ((expires_on)). Pour la garder, terminez-la et envoyez-la : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Votre brouillon (((procedure))) sera supprimé le ((expires_on)). Pour le garder, envoyez-le : ((link))",
	},
	MandateExpiring: {
		subject: "Votre mandat pour ((structure)) se termine le ((ends_on))",
		email: "Bonjour,\n\nLe mandat que vous avez donné à ((structure)) pour vos démarches se termine le ((ends_on)).\n" +
			"Après cette date, la structure ne pourra plus agir pour vous. Pour continuer, revoyez-la : elle peut renouveler le mandat avec vous.\n\n" +
			"Voir vos mandats : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Votre mandat pour ((structure)) se termine le ((ends_on)). Vos mandats : ((link))",
	},
	AppointmentBooked: {
		subject: "Rendez-vous confirmé le ((when))",
		email: "Bonjour,\n\nVotre rendez-vous avec ((structure)) est confirmé : ((when)).\nOù : ((where))\n\n" +
			"Pour l'annuler ou le déplacer : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Rendez-vous confirmé le ((when)), ((where)). Annuler ou déplacer : ((link))",
	},
	AppointmentReminder: {
		subject: "Rappel : rendez-vous demain, ((when))",
		email: "Bonjour,\n\nNous vous rappelons votre rendez-vous avec ((structure)) : ((when)).\nOù : ((where))\n\n" +
			"Si vous ne pouvez pas venir, annulez-le ou déplacez-le : ((link))\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Rappel : rendez-vous ((when)), ((where)). Un empêchement ? ((link))",
	},
	AppointmentCancelled: {
		subject: "Rendez-vous du ((when)) annulé",
		email: "Bonjour,\n\nLe rendez-vous du ((when)) avec ((structure)) est annulé.\n" +
			"Vous pouvez en prendre un autre sur Guichet, page « Trouver de l'aide ».\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Rendez-vous du ((when)) annulé. Pour en prendre un autre : Guichet, page Trouver de l'aide.",
	},
	AppointmentCode: {
		subject: "Votre code pour confirmer le rendez-vous : ((code))",
		email: "Bonjour,\n\nPour confirmer votre rendez-vous avec ((structure)) le ((when)), écrivez ce code sur la page de Guichet : ((code))\n\n" +
			"Il est valable 15 minutes. Si vous n'avez rien demandé, ne faites rien : aucun rendez-vous ne sera pris.\n\nCe message est envoyé automatiquement. Merci de ne pas y répondre.",
		sms: "Guichet : votre code pour confirmer le rendez-vous du ((when)) est ((code)). Valable 15 minutes.",
	},
}

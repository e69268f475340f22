package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"guichet/internal/identity"
	"guichet/internal/listening"
)

// LoadParticipation gives Écoute something to show beyond the
// questionnaire: a published tutorial of the RSA, good practices in the
// toolbox, a listening workshop whose verbatims became an action of the
// CAF with its milestones, and experiences of the RSA answered by the CAF.
// Each part is loaded when its kind is still empty, so it is idempotent.
func LoadParticipation(ctx context.Context, ls *listening.Service, ids *identity.Service) error {
	org := map[string]int64{}
	for _, slug := range []string{"caf", "observatoire", "france-services-villeurbanne"} {
		o, err := ids.OrganisationBySlug(ctx, slug)
		if err != nil {
			return fmt.Errorf("demo participation: %w", err)
		}
		org[slug] = o.ID
	}
	user := map[string]int64{}
	for _, a := range Accounts {
		u, err := ids.UserByEmail(ctx, a.Email)
		if err != nil {
			return fmt.Errorf("demo participation: %w", err)
		}
		user[string(a.Role)] = u.ID
	}
	owner := listening.Moderator{UserID: user[string(identity.RoleProcedureOwner)], OrgID: org["caf"]}
	observatory := listening.Moderator{UserID: user[string(identity.RoleObservatory)], OrgID: org["observatoire"]}
	mediator := listening.Moderator{UserID: user[string(identity.RoleMediator)], OrgID: org["france-services-villeurbanne"]}
	for _, load := range []func() error{
		func() error { return loadTutorial(ctx, ls, owner) },
		func() error { return loadToolbox(ctx, ls, mediator, owner, observatory) },
		func() error { return loadWorkshop(ctx, ls, observatory, owner) },
		func() error { return loadExperiences(ctx, ls, owner) },
	} {
		if err := load(); err != nil {
			return fmt.Errorf("demo participation: %w", err)
		}
	}
	return nil
}

func loadTutorial(ctx context.Context, ls *listening.Service, owner listening.Moderator) error {
	if list, err := ls.ProcedureTutorials(ctx, "rsa", owner.OrgID); err != nil || len(list) > 0 {
		return err
	}
	id, err := ls.CreateTutorial(ctx, "rsa", "Demander le RSA en ligne, pas à pas", owner)
	if err != nil {
		return err
	}
	pic, err := signInPicture()
	if err != nil {
		return err
	}
	steps := []listening.StepInput{
		{Body: "Préparez vos ressources des trois derniers mois : bulletins de salaire, allocations, pensions. Gardez-les près de vous.",
			Picture: bytes.NewReader(pic), PictureName: "connexion.png",
			Alt: "La page d'accueil de Guichet, avec le bouton « Se connecter » en haut à droite, entouré en orange."},
		{Body: "Cliquez sur « Faire la démarche en ligne », puis répondez aux questions, une page à la fois. Vos réponses sont gardées à chaque page.",
			VideoURL:   "https://video.exemple.fr/rsa-pas-a-pas",
			Transcript: "Une conseillère de la CAF montre l'écran. Elle clique sur « Faire la démarche en ligne ». La première page demande la situation familiale : elle coche « Seule ». Elle clique sur « Continuer » et montre que la réponse reste si l'on revient en arrière."},
		{Body: "À la fin, vérifiez vos réponses, puis envoyez. Notez la référence du dossier : elle sert si vous appelez la CAF."},
	}
	for _, st := range steps {
		if err := ls.AddStep(ctx, id, st, owner); err != nil {
			return err
		}
	}
	return ls.PublishTutorial(ctx, id, true, owner)
}

// signInPicture draws the demo tutorial's first picture: a page with its
// button circled, as a screenshot would show it.
func signInPicture() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 480, 160))
	fill := func(r image.Rectangle, c color.Color) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.Set(x, y, c)
			}
		}
	}
	fill(img.Bounds(), color.White)
	fill(image.Rect(0, 0, 480, 40), color.RGBA{0, 0, 145, 255})
	fill(image.Rect(340, 6, 470, 34), color.RGBA{230, 120, 0, 255})
	fill(image.Rect(344, 10, 466, 30), color.White)
	for i, w := range []int{300, 260, 280} {
		fill(image.Rect(20, 60+30*i, 20+w, 72+30*i), color.RGBA{200, 200, 200, 255})
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

func loadToolbox(ctx context.Context, ls *listening.Service, mediator, owner, observatory listening.Moderator) error {
	if list, err := ls.Practices(ctx, "", ""); err != nil || len(list) > 0 {
		return err
	}
	entries := []struct {
		by listening.Moderator
		in listening.PracticeInput
	}{
		{mediator, listening.PracticeInput{Title: "Préparer le rendez-vous de la déclaration trimestrielle du RSA",
			Body: "Au moment de prendre rendez-vous, demandez à la personne d'apporter ses bulletins de salaire et ses relevés des trois derniers mois. Le rendez-vous dure deux fois moins longtemps.",
			Tags: "RSA, rendez-vous, déclaration", Procedure: "rsa"}},
		{owner, listening.PracticeInput{Title: "Expliquer où trouver le numéro fiscal",
			Body: "Le numéro fiscal est en haut à gauche de la première page de l'avis d'impôt. Sans avis, la personne peut le demander au centre des finances publiques avec une pièce d'identité.",
			Tags: "impôts, numéro fiscal"}},
		{mediator, listening.PracticeInput{Title: "Créer une adresse e-mail avec la personne, pas pour elle",
			Body: "Laissez la personne taper elle-même. Notez le mot de passe sur un papier qu'elle garde chez elle, jamais dans votre structure.",
			Tags: "numérique, autonomie"}},
		{observatory, listening.PracticeInput{Title: "Animer un atelier d'écoute avec des personnes éloignées du numérique",
			Body: "Partez d'une démarche vécue, pas d'un écran. Notez les mots exacts des participants : ce sont eux qui deviennent des propositions.",
			Tags: "atelier, écoute"}},
	}
	for _, e := range entries {
		if _, err := ls.AddPractice(ctx, e.in, e.by); err != nil {
			return err
		}
	}
	return nil
}

func loadWorkshop(ctx context.Context, ls *listening.Service, observatory, owner listening.Moderator) error {
	if list, err := ls.Workshops(ctx, observatory.OrgID); err != nil || len(list) > 0 {
		return err
	}
	id, err := ls.RecordWorkshop(ctx, listening.Workshop{HeldOn: time.Date(2026, 2, 12, 14, 0, 0, 0, time.UTC),
		Place: "Centre social Bonnefoi, Lyon", Facilitator: "Amina Diallo",
		Profiles: listening.Profiles{Participants: 9, Disability: 2, Illiteracy: 3, Precarity: 6, FarDigital: 5,
			AgeUnder25: 2, Age25To64: 5, Age65Plus: 2}}, observatory)
	if err != nil {
		return err
	}
	var sources []listening.Source
	for _, v := range []listening.Verbatim{
		{Procedure: "rsa", Step: "Ressources", Body: "La page demande un numéro fiscal que je n'ai pas. Je me suis arrêtée là."},
		{Procedure: "rsa", Step: "Pièces justificatives", Body: "On m'a dit à la fin qu'il fallait des papiers. Si je l'avais su, je les aurais pris avec moi."},
	} {
		vid, err := ls.AddVerbatim(ctx, id, v, observatory)
		if err != nil {
			return err
		}
		sources = append(sources, listening.Source{Kind: "verbatim", ID: vid})
	}
	action, err := ls.CreateAction(ctx, listening.Plan{OrgID: owner.OrgID, Procedure: "rsa", OwnerID: owner.UserID,
		Title:       "Dire dès la première page les pièces et le numéro fiscal à préparer",
		Description: "Né de l'atelier d'écoute du centre social Bonnefoi : la liste des pièces et où trouver le numéro fiscal, avant de commencer.",
		Indicator:   "clarte", Sources: sources}, owner)
	if err != nil {
		return err
	}
	for _, m := range []struct {
		title string
		due   time.Time
	}{
		{"Nouvelle première page relue par les participants de l'atelier", time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)},
		{"Mise en ligne", time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)},
	} {
		if err := ls.AddMilestone(ctx, action, m.title, m.due, owner); err != nil {
			return err
		}
	}
	return ls.SetStatus(ctx, action, listening.ActionOngoing, "", 40, owner)
}

func loadExperiences(ctx context.Context, ls *listening.Service, owner listening.Moderator) error {
	if list, err := ls.PublishedExperiences(ctx, "rsa"); err != nil || len(list) > 0 {
		return err
	}
	stories := []struct {
		story listening.Story
		reply string
	}{
		{listening.Story{Procedure: "rsa", Title: "Dossier perdu puis retrouvé", Name: "Nadia",
			Body: "J'ai envoyé mon dossier en ligne et personne n'avait de trace au téléphone. Au guichet, une conseillère l'a retrouvé en cinq minutes."},
			"Merci Nadia. Les conseillers du téléphone voient maintenant les dossiers envoyés en ligne dès leur envoi, comme ceux du guichet."},
		{listening.Story{Procedure: "rsa", Title: "Aidée par la France Services",
			Body: "Je ne savais pas me servir de l'ordinateur. Le médiateur m'a aidée à tout remplir, et j'ai gardé la référence sur un papier."},
			"Merci de votre message : nous le transmettons à l'équipe de la France Services de Villeurbanne."},
	}
	for i, st := range stories {
		id, err := ls.Tell(ctx, st.story, owner.OrgID, fmt.Sprintf("demo-experience-%d", i))
		if err != nil {
			return err
		}
		if err := ls.Publish(ctx, id, owner); err != nil {
			return err
		}
		if err := ls.Reply(ctx, id, st.reply, owner); err != nil {
			return err
		}
	}
	return nil
}

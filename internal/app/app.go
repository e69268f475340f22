// Package app assembles Guichet from its configuration: database, services,
// background jobs and the HTTP server. Tests start the real thing with it.
package app

import (
	"context"
	"errors"
	"fmt"
	"guichet/internal/backoffice"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"guichet/internal/accesslog"
	"guichet/internal/activity"
	"guichet/internal/api"
	"guichet/internal/appointments"
	"guichet/internal/catalogue"
	"guichet/internal/changes"
	"guichet/internal/config"
	"guichet/internal/consent"
	"guichet/internal/database"
	"guichet/internal/demo"
	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/listening"
	"guichet/internal/mail"
	"guichet/internal/mediation"
	"guichet/internal/notify"
	"guichet/internal/observatory"
	"guichet/internal/places"
	"guichet/internal/prefill"
	"guichet/internal/profile"
	"guichet/internal/rights"
	"guichet/internal/secretbox"
	"guichet/internal/sms"
	"guichet/internal/statement"
	"guichet/internal/web"
	"guichet/internal/webhooks"
)

// App is a running Guichet: open it with New, serve with Run, end with Close.
type App struct {
	Config   config.Config
	Logger   *slog.Logger
	DB       *database.DB
	Identity *identity.Service
	Jobs     *jobs.Queue
	Web      *web.Server
	API      *api.Server
	Metrics  *prometheus.Registry
	// Handler is the root router (see router.go): the pages, the API and
	// the operations endpoints.
	Handler http.Handler
	// Catalogue holds the procedures, their search and "Mes droits".
	Catalogue *catalogue.Service
	// Places holds the help places ("Trouver de l'aide près de chez moi").
	Places *places.Service
	// Forms holds the online forms of procedures, in versions.
	Forms *forms.Service
	// Notify tells people things, by e-mail and SMS.
	Notify *notify.Service
	// Dossiers holds the requests made on the online procedures.
	Dossiers *dossiers.Service
	// Mediation holds the mandates people give help structures and their journal.
	Mediation *mediation.Service
	// Listening holds the feedback on procedures (Écoute).
	Listening *listening.Service
	// Backoffice holds the agents' teams per procedure and their queues.
	Backoffice *backoffice.Service
	// Observatory holds the indicators of every procedure per edition.
	Observatory *observatory.Service
	// Profile holds people's profiles (Dites-le-nous une fois).
	Profile *profile.Service
	// AccessLog tells people who used their data.
	AccessLog *accesslog.Log
	// Consent keeps what people allowed to be shared about them.
	Consent *consent.Service
	// Prefill fills new dossiers from profiles and administrations' connectors.
	Prefill *prefill.Service
	// Changes holds the changes declared once and their deliveries.
	Changes *changes.Service
	// Appointments holds the slots help structures publish and their bookings.
	Appointments *appointments.Service
	// Activity holds the mediators' activity reports (CRA) and their statistics.
	Activity *activity.Service
	// Webhooks holds the organisations' endpoints and delivers their events.
	Webhooks *webhooks.Service
	// Rights suggests, with people's consent, the aid they are likely missing.
	Rights *rights.Service

	listener, metricsListener net.Listener
	// draining is set when Run is told to stop: /readyz then answers 503
	// so that the load balancer sends no new request (drain.go).
	draining atomic.Bool
}

// Open connects to the database, applies the migrations and builds the
// services, without loading demo data or listening.
func Open(ctx context.Context, cfg config.Config, logger *slog.Logger) (*App, error) {
	st, err := OpenStorage(ctx, cfg, logger)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Logger: logger, DB: st.DB}
	if err := a.build(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) build(ctx context.Context, st *Storage) error {
	var err error
	box := st.Box
	a.Identity = st.Identity()

	a.Jobs = jobs.New(a.DB, jobs.Options{Workers: a.Config.Workers, Logger: a.Logger, Box: box})
	a.Jobs.Register(mail.JobKind, mail.Handler(a.mailSender()))
	smsProvider, err := sms.New(sms.Config{Provider: a.Config.SMSProvider, DataDir: a.Config.DataDir,
		APIKey: a.Config.SMSAPIKey, Sender: a.Config.SMSSender, BaseURL: a.Config.SMSBaseURL,
		CallbackSecret: a.Config.SMSCallbackSecret, CallbackURL: a.smsCallbackURL()})
	if err != nil {
		return err
	}
	// Registers the send handler on the queue.
	a.Notify = notify.New(a.DB, notify.Options{Jobs: a.Jobs, Mail: a.mailSender(), SMS: smsProvider, Box: box,
		Logger: a.Logger})

	a.Metrics = prometheus.NewRegistry()
	a.Metrics.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newJobsCollector(a.DB))

	providers, err := a.identityProviders(ctx)
	if err != nil {
		return err
	}
	// Catalogue: one service for the pages and the API, so that they share one search index.
	if a.Catalogue, err = catalogue.New(a.DB, catalogue.Options{Box: box, Logger: a.Logger}); err != nil {
		return err
	}
	a.Places = places.New(a.DB, places.Options{})
	a.Forms = forms.New(a.DB, forms.Options{})
	// Registers the delivery handler on the queue; built before dossiers,
	// which publish their events through it.
	a.Webhooks = st.webhooks(a.Jobs)
	a.Mediation = mediation.New(a.DB, mediation.Options{Key: secretbox.Derive(st.key, mediation.AttestationKeyPurpose),
		Notify: a.Notify, BaseURL: a.Config.BaseURL, OrgName: a.orgName, NewPerson: a.Identity.CreatePersonRecord})
	files, err := a.fileStore()
	if err != nil {
		return err
	}
	a.Dossiers = dossiers.New(a.DB, a.dossiersOptions(files))
	a.Listening = listening.New(a.DB, listening.Options{Box: box, BaseURL: a.Config.BaseURL,
		Files: files})
	a.Backoffice = backoffice.New(a.DB, backoffice.Options{Dossiers: a.Dossiers})
	// A change of profile evaluates the person's suggestions again, in its
	// transaction (a job, which finds no consent for most people).
	a.Profile = profile.New(a.DB, profile.Options{Box: box, OnChange: func(ctx context.Context, userID int64) error {
		return a.Rights.Reevaluate(ctx, userID)
	}})
	a.AccessLog = accesslog.New(a.DB, accesslog.Options{})
	a.Consent = consent.New(a.DB, consent.Options{})
	a.Prefill = prefill.New(a.DB, prefill.Options{Box: box, Profile: a.Profile, Consent: a.Consent,
		AccessLog: a.AccessLog, Forms: a.Forms, Connectors: a.connectors(), OrgID: a.orgID, Relations: a.relations})
	// Registers the delivery jobs on the queue; each administration also
	// receives the change as the webhook event profile.changed.
	a.Changes = changes.New(a.DB, changes.Options{Box: box, Profile: a.Profile, AccessLog: a.AccessLog,
		Queue: a.Jobs, OrgID: a.orgID, Publish: a.publishChange})
	signIn := providers.citizen != nil
	a.Observatory = observatory.New(a.DB, observatory.Options{Procedures: observatory.FromCatalogue(a.Catalogue, a.Forms.OnlineSlugs),
		Listening: a.Listening, Figures: a.Backoffice, Helped: a.Dossiers.HelpedByProcedure,
		OnceOnly: a.onceOnly, SignIn: func() bool { return signIn }, Recipients: a.alertRecipients, Box: box, BaseURL: a.Config.BaseURL})
	a.Appointments = appointments.New(a.DB, appointments.Options{Box: box, Notify: a.Notify, Places: a.Places,
		Key:     secretbox.Derive(st.key, appointments.ContactKeyPurpose),
		BaseURL: a.Config.BaseURL, OrgName: a.orgName})
	a.Activity = activity.New(a.DB, activity.Options{Places: a.Places})
	// Registers the evaluation and notice jobs on the queue.
	a.Rights = rights.New(a.DB, rights.Options{Catalogue: a.Catalogue, Profile: a.Profile, Consent: a.Consent,
		Mediation: a.Mediation, AccessLog: a.AccessLog, Notify: a.Notify, Queue: a.Jobs, BaseURL: a.Config.BaseURL,
		Applied: a.applied})
	if a.API, err = api.New(api.Deps{Logger: a.Logger, BaseURL: a.Config.BaseURL, Catalogue: a.Catalogue,
		Places: a.Places, Notify: a.Notify, Identity: a.Identity, Listening: a.Listening, Dossiers: a.Dossiers,
		Backoffice: a.Backoffice, Changes: a.Changes, Observatory: a.Observatory, Rights: a.Rights}); err != nil {
		return err
	}
	settings := web.Settings{BaseURL: a.Config.BaseURL, TrustedProxies: a.Config.TrustedProxies}
	stmt, err := statement.Load(a.Config.AccessibilityStatement)
	if err != nil {
		return err
	}
	if a.Config.AccessibilityStatement == "" {
		a.Logger.Warn("accessibility statement: Guichet's default is shown; write your own and set --accessibility-statement")
	}
	if a.Web, err = web.New(web.Deps{Settings: settings, Identity: a.Identity,
		OIDC: providers.citizen, ProConnect: providers.staff, OIDCPublicKeys: providers.publicKeys,
		Logger: a.Logger, Metrics: a.Metrics, Catalogue: a.Catalogue, Places: a.Places, Statement: &stmt,
		Forms: a.Forms, Notify: a.Notify, Dossiers: a.Dossiers, Mediation: a.Mediation, Listening: a.Listening,
		Backoffice: a.Backoffice, Appointments: a.Appointments, Activity: a.Activity, Profile: a.Profile,
		AccessLog: a.AccessLog, Consent: a.Consent, Prefill: a.Prefill, Changes: a.Changes, Webhooks: a.Webhooks,
		Observatory: a.Observatory, Rights: a.Rights}); err != nil {
		return err
	}
	a.Handler = a.router()
	return nil
}

// applied lists the procedures the person sent a dossier for: an aid
// applied for is not suggested as missing.
func (a *App) applied(ctx context.Context, userID int64) ([]string, error) {
	list, err := a.Dossiers.List(ctx, userID, 0)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range list {
		if d.State != dossiers.Draft {
			out = append(out, d.Procedure)
		}
	}
	return out, nil
}

// orgName names an organisation in the mandate notices.
func (a *App) orgName(ctx context.Context, id int64) (string, error) {
	o, err := a.Identity.OrganisationByID(ctx, id)
	if err != nil {
		return "", err
	}
	return o.Name, nil
}

// smsCallbackURL is where the SMS provider posts its delivery receipts
// (the API route of internal/api), given to providers that take it per
// message; "" without a callback secret, as receipts are then refused.
func (a *App) smsCallbackURL() string {
	if a.Config.SMSCallbackSecret == "" || a.Config.BaseURL == "" {
		return ""
	}
	return strings.TrimSuffix(a.Config.BaseURL, "/") + "/api/v1/notifications/receipts/" + a.Config.SMSProvider
}

func (a *App) mailSender() mail.Sender {
	if a.Config.SMTPAddr != "" {
		return mail.NewSMTP(mail.SMTPConfig{Addr: a.Config.SMTPAddr, Username: a.Config.SMTPUser,
			Password: a.Config.SMTPPassword, From: a.Config.SMTPFrom, RequireTLS: a.Config.SMTPRequireTLS})
	}
	return mail.NewOutbox(filepath.Join(a.Config.DataDir, "outbox"))
}

// LoadDemo loads the demo data (idempotent) and prints the demo accounts.
func (a *App) LoadDemo(ctx context.Context, out io.Writer) error {
	if err := demo.Load(ctx, a.Identity, a.Catalogue, a.Places, a.Forms, a.Listening, a.Backoffice); err != nil {
		return err
	}
	if err := demo.LoadMediation(ctx, a.Mediation, a.Identity); err != nil {
		return err
	}
	if err := demo.LoadProfile(ctx, a.Profile, a.Identity); err != nil {
		return err
	}
	if err := demo.LoadConsents(ctx, a.Consent, a.Identity); err != nil {
		return err
	}
	if err := demo.LoadAppointments(ctx, a.Appointments, a.Places, a.Identity); err != nil {
		return err
	}
	if err := demo.LoadActivity(ctx, a.Activity, a.Places, a.Identity); err != nil {
		return err
	}
	if err := demo.LoadNotifications(ctx, a.Notify, a.Identity); err != nil {
		return err
	}
	if err := demo.LoadObservatory(ctx, a.Observatory, a.Listening, a.Catalogue, time.Now()); err != nil {
		return fmt.Errorf("demo observatory: %w", err)
	}
	demo.PrintAccounts(out, a.Config.BaseURL)
	return nil
}

// Listen opens the HTTP listener; Addr then tells the address.
func (a *App) Listen() error {
	l, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return err
	}
	a.listener = l
	if a.Config.MetricsAddr != "" {
		if a.metricsListener, err = net.Listen("tcp", a.Config.MetricsAddr); err != nil {
			l.Close()
			return fmt.Errorf("l'adresse de /metrics (--metrics-addr) n'a pas pu être ouverte : %w", err)
		}
	}
	return nil
}

// MetricsAddr returns the address /metrics listens on alone, "" when none.
func (a *App) MetricsAddr() string {
	if a.metricsListener == nil {
		return ""
	}
	return a.metricsListener.Addr().String()
}

// Addr returns the address the server listens on.
func (a *App) Addr() string { return a.listener.Addr().String() }

// Run serves HTTP and runs the job workers until ctx is cancelled, then
// drains: /readyz turns red first and, for Config.DrainWait, requests are
// still served while the load balancer notices; then it stops taking
// requests, lets running ones and running jobs finish (up to 15 seconds)
// and returns.
func (a *App) Run(ctx context.Context) error {
	if a.listener == nil {
		if err := a.Listen(); err != nil {
			return err
		}
	}
	srv := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn)}
	jobsCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	jobsDone := make(chan error, 1)
	// Workers 0 leaves every job to `guichet worker`: the queue would
	// otherwise take its own default number of workers.
	if a.Config.Workers > 0 {
		a.startProbes(jobsCtx, "http://"+a.Addr())
		go func() { jobsDone <- a.Jobs.Run(jobsCtx) }()
		go a.purgeEvery(jobsCtx, 10*time.Minute)
		go a.refreshObservatoryEvery(jobsCtx, time.Minute)
	} else {
		jobsDone <- nil
	}
	go a.flushTimingsEvery(jobsCtx, time.Minute)
	serveErr := make(chan error, 2)
	go func() { serveErr <- srv.Serve(a.listener) }()
	var metricsSrv *http.Server
	if a.metricsListener != nil {
		metricsSrv = &http.Server{Handler: a.metricsRouter(), ReadHeaderTimeout: 10 * time.Second}
		go func() { serveErr <- metricsSrv.Serve(a.metricsListener) }()
	}
	a.Logger.Info("guichet à l'écoute", "addr", a.Addr(), "database", a.DB.Dialect, "workers", a.Config.Workers)
	// What starting took (migrations, the demo, the first catalogue index)
	// goes back to the system: a node at rest holds only what it keeps.
	go debug.FreeOSMemory()

	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
	}
	if err == nil {
		a.drain()
	}
	a.Logger.Info("arrêt : fin des requêtes et des tâches en cours")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil && err == nil {
		err = serr
	}
	if metricsSrv != nil {
		metricsSrv.Shutdown(shutdownCtx)
	}
	stopJobs()
	<-jobsDone
	// The response times of the last minute, before the process ends.
	if ferr := a.Observatory.FlushTimings(shutdownCtx); ferr != nil {
		a.Logger.Warn("observatoire : les temps de réponse de la dernière minute sont perdus", "err", ferr)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Close releases the database.
func (a *App) Close() error {
	if a.listener != nil {
		a.listener.Close()
	}
	if a.metricsListener != nil {
		a.metricsListener.Close()
	}
	return a.DB.Close()
}

-- Appointments (internal/appointments) and activity reports
-- (internal/activity) of help structures.

-- A slot a help structure publishes: on site at one of its places, by
-- phone or by video (video_url). booked counts the live bookings; the
-- CHECK keeps it within capacity even if a query forgot to.
CREATE TABLE appointment_slots (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL,
    place_id BIGINT NOT NULL DEFAULT 0,
    mode TEXT NOT NULL CHECK (mode IN ('sur_place', 'telephone', 'video')),
    video_url TEXT NOT NULL DEFAULT '',
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 50),
    booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    created_by BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX appointment_slots_one ON appointment_slots (org_id, place_id, mode, starts_at);
CREATE INDEX appointment_slots_place ON appointment_slots (place_id, starts_at);

-- A booking, made without an account: the person's name and their phone
-- or e-mail (sealed), and the token of the link that lets them cancel or
-- move it: its hash, to find the booking, and the token sealed, for the
-- reminder's link; never the token in clear. booked_by is the
-- mediator who booked for the person, 0 when the person did.
CREATE TABLE appointment_bookings (
    id INTEGER PRIMARY KEY,
    slot_id BIGINT NOT NULL REFERENCES appointment_slots (id),
    token_hash TEXT NOT NULL UNIQUE,
    token_sealed TEXT NOT NULL,
    person_name TEXT NOT NULL,
    contact TEXT NOT NULL,
    -- contact_hash is a keyed hash of the contact, to count one person's
    -- bookings without reading the sealed contacts.
    contact_hash TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    booked_by BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('reserve', 'annule', 'absent')),
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- reminded_at is when the reminder went, or when it was found needless
    -- (a booking made less than a day before).
    reminded_at TIMESTAMP
);
CREATE INDEX appointment_bookings_slot ON appointment_bookings (slot_id, status);
CREATE INDEX appointment_bookings_contact ON appointment_bookings (contact_hash, status);
CREATE INDEX appointment_bookings_remind ON appointment_bookings (status, reminded_at);

-- An activity report (compte rendu d'activité) a mediator writes after an
-- accompaniment. held_on is the day (YYYY-MM-DD), department the territory
-- of the place. Lists (themes, equipment, profiles) are comma-separated
-- codes of internal/activity's vocabulary.
CREATE TABLE activity_reports (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL,
    mediator_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('individuel', 'collectif')),
    held_on TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    place_id BIGINT NOT NULL DEFAULT 0,
    department TEXT NOT NULL DEFAULT '',
    themes TEXT NOT NULL,
    equipment TEXT NOT NULL DEFAULT '',
    autonomy TEXT NOT NULL DEFAULT '',
    orientation TEXT NOT NULL DEFAULT '',
    orientation_detail TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    participants INTEGER NOT NULL DEFAULT 1 CHECK (participants BETWEEN 1 AND 500),
    profiles TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX activity_reports_org ON activity_reports (org_id, held_on);
CREATE INDEX activity_reports_held ON activity_reports (held_on);

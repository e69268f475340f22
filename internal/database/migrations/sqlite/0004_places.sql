-- Help places (lieux de médiation numérique), standard v1.0.2. Multi-valued
-- fields are joined with '|'; empty text means "not given".
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    ext_id TEXT NOT NULL,
    pivot TEXT NOT NULL,
    nom TEXT NOT NULL,
    commune TEXT NOT NULL,
    commune_folded TEXT NOT NULL,
    code_postal TEXT NOT NULL,
    code_insee TEXT NOT NULL DEFAULT '',
    adresse TEXT NOT NULL,
    complement_adresse TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    typologie TEXT NOT NULL DEFAULT '',
    telephone TEXT NOT NULL DEFAULT '',
    courriels TEXT NOT NULL DEFAULT '',
    site_web TEXT NOT NULL DEFAULT '',
    horaires TEXT NOT NULL DEFAULT '',
    presentation_resume TEXT NOT NULL DEFAULT '',
    presentation_detail TEXT NOT NULL DEFAULT '',
    itinerance TEXT NOT NULL DEFAULT '',
    structure_parente TEXT NOT NULL DEFAULT '',
    date_maj TEXT NOT NULL,
    services TEXT NOT NULL DEFAULT '',
    publics_specifiquement_adresses TEXT NOT NULL DEFAULT '',
    prise_en_charge_specifique TEXT NOT NULL DEFAULT '',
    frais_a_charge TEXT NOT NULL DEFAULT '',
    dispositif_programmes_nationaux TEXT NOT NULL DEFAULT '',
    formations_labels TEXT NOT NULL DEFAULT '',
    autres_formations_labels TEXT NOT NULL DEFAULT '',
    modalites_acces TEXT NOT NULL DEFAULT '',
    modalites_accompagnement TEXT NOT NULL DEFAULT '',
    fiche_acces_libre TEXT NOT NULL DEFAULT '',
    prise_rdv TEXT NOT NULL DEFAULT '',
    org_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (source, ext_id),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX places_commune ON places (commune_folded);
CREATE INDEX places_code_postal ON places (code_postal);
-- code_postal lets a search by distance read the index alone.
CREATE INDEX places_position ON places (latitude, longitude, code_postal);
CREATE INDEX places_org ON places (org_id);

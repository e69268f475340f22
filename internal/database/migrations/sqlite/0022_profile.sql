-- Dites-le-nous une fois: a person's profile, who used their data (access
-- log), their consents, the fields pre-filled in their dossiers and the
-- changes they declared once for several administrations.

-- One item of a person's profile (address, phone, IBAN…): its value sealed
-- with the instance key, where it came from and when.
CREATE TABLE profile_items (
    user_id BIGINT NOT NULL,
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_org TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, item)
);

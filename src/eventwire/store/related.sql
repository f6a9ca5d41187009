-- eventwire store, migration 3: what the relate stage finds, kept across documents.
-- Applied by eventwire.store.migrations inside one BEGIN IMMEDIATE transaction.
--
-- A person or thing row is one identity across documents; each document that names it adds
-- a *_mentions row holding what that document said (the role it gave, the parties it named),
-- so a role change between articles is history, never an overwrite. Removing a document
-- (replaced text) removes its mention rows; identities left without mentions are deleted.

CREATE TABLE people (
    person_id     INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,     -- the fullest form any document used
    surname_key   TEXT NOT NULL,     -- the last token of that name, folded
    country       TEXT,
    sector        TEXT,
    first_seen    TEXT,              -- earliest publication date of a mentioning document
    last_seen     TEXT,
    num_documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_surname ON people (surname_key);
CREATE INDEX people_country ON people (country);

-- Every folded name a person is known by (casefolded, accents and punctuation dropped, tokens
-- sorted, so "Kishida Fumio" and "Fumio Kishida" meet), for matching.
CREATE TABLE person_names (
    name_key  TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (person_id) ON DELETE CASCADE,
    PRIMARY KEY (name_key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_names_person ON person_names (person_id);

CREATE TABLE person_mentions (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (person_id) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    published   TEXT,
    name        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    role        TEXT,
    role_status TEXT,
    role_since  TEXT,
    role_until  TEXT,
    record      TEXT NOT NULL       -- the Person record as the relate stage gave it
);
CREATE INDEX person_mentions_person ON person_mentions (person_id, published);
CREATE INDEX person_mentions_doc ON person_mentions (doc_id);

-- Events in which a person is an actor (matched by mention offsets or resolved name).
CREATE TABLE person_events (
    person_id   INTEGER NOT NULL REFERENCES people (person_id) ON DELETE CASCADE,
    event_rowid INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, event_rowid)
) WITHOUT ROWID;
CREATE INDEX person_events_event ON person_events (event_rowid);

CREATE TABLE things (
    thing_id      INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    category      TEXT NOT NULL,
    acronym       TEXT,
    expansion     TEXT,
    first_seen    TEXT,
    last_seen     TEXT,
    num_documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX things_category ON things (category);

-- Every folded name a thing is known by (name, aliases, acronym, expansion), for matching.
CREATE TABLE thing_names (
    name_key TEXT NOT NULL,
    thing_id INTEGER NOT NULL REFERENCES things (thing_id) ON DELETE CASCADE,
    PRIMARY KEY (name_key, thing_id)
) WITHOUT ROWID;
CREATE INDEX thing_names_thing ON thing_names (thing_id);

CREATE TABLE thing_mentions (
    id        INTEGER PRIMARY KEY,
    thing_id  INTEGER NOT NULL REFERENCES things (thing_id) ON DELETE CASCADE,
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    published TEXT,
    name      TEXT NOT NULL,
    record    TEXT NOT NULL
);
CREATE INDEX thing_mentions_thing ON thing_mentions (thing_id, published);
CREATE INDEX thing_mentions_doc ON thing_mentions (doc_id);

CREATE TABLE thing_parties (
    thing_id INTEGER NOT NULL REFERENCES things (thing_id) ON DELETE CASCADE,
    doc_id   TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    party    TEXT NOT NULL,
    PRIMARY KEY (thing_id, doc_id, party)
) WITHOUT ROWID;
CREATE INDEX thing_parties_party ON thing_parties (party, thing_id);
CREATE INDEX thing_parties_doc ON thing_parties (doc_id);

CREATE TABLE thing_lifecycle (
    id             INTEGER PRIMARY KEY,
    thing_id       INTEGER NOT NULL REFERENCES things (thing_id) ON DELETE CASCADE,
    doc_id         TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    stage          TEXT NOT NULL,
    trigger        TEXT NOT NULL,
    event_id       TEXT,             -- the coded event (events.event_id), when linked
    date           TEXT,             -- the event's date, else the document's publication date
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL
);
CREATE INDEX thing_lifecycle_thing ON thing_lifecycle (thing_id, date);
CREATE INDEX thing_lifecycle_doc ON thing_lifecycle (doc_id);

CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    doc_id           TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    event_id         TEXT,
    claimant         TEXT NOT NULL,
    claimant_country TEXT,
    status           TEXT NOT NULL,
    status_by        TEXT,
    date             TEXT,
    published        TEXT,
    text             TEXT NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    record           TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims (doc_id);
CREATE INDEX claims_status ON claims (status, date);
CREATE INDEX claims_country ON claims (claimant_country, date);

CREATE TABLE quotes (
    id              INTEGER PRIMARY KEY,
    doc_id          TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    person_id       INTEGER REFERENCES people (person_id) ON DELETE SET NULL,
    speaker         TEXT,
    speaker_country TEXT,
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL
);
CREATE INDEX quotes_doc ON quotes (doc_id);
CREATE INDEX quotes_person ON quotes (person_id);

-- eventwire store, migration 1: the initial schema.
-- Applied by eventwire.store.migrations inside one BEGIN IMMEDIATE transaction; the Python code
-- sets PRAGMA user_version after it. Statements are split with sqlite3.complete_statement.

-- One row per stored article. doc_id is Document.id (what events carry); doc_key is the
-- identity used for idempotence: the url when the document has one, else its id.
CREATE TABLE documents (
    doc_id       TEXT PRIMARY KEY,
    doc_key      TEXT NOT NULL UNIQUE,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    source       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    minhash      BLOB,
    ingested_at  TEXT NOT NULL,
    text         TEXT NOT NULL,
    duplicate_of TEXT REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE SET NULL
);
CREATE INDEX documents_content_hash ON documents (content_hash);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX documents_source ON documents (source);

-- MinHash LSH bands (32 bands of 4 rows over word 5-shingles) of original documents.
CREATE TABLE doc_bands (
    band   INTEGER NOT NULL,
    hash   INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;
CREATE INDEX doc_bands_doc ON doc_bands (doc_id);

-- Cross-article event clusters (one real-world event, many mentions).
CREATE TABLE clusters (
    cluster_id       INTEGER PRIMARY KEY,
    type             TEXT NOT NULL,
    date             TEXT,
    country          TEXT,
    source_countries TEXT NOT NULL,
    target_countries TEXT NOT NULL,
    published_min    TEXT,
    published_max    TEXT,
    first_seen       TEXT NOT NULL,
    last_seen        TEXT NOT NULL,
    num_mentions     INTEGER NOT NULL DEFAULT 0,
    num_sources      INTEGER NOT NULL DEFAULT 0,
    num_articles     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clusters_type_date ON clusters (type, date);

-- The actor countries a cluster was founded on, for indexed candidate lookup.
CREATE TABLE cluster_keys (
    type       TEXT NOT NULL,
    side       TEXT NOT NULL CHECK (side IN ('source', 'target')),
    country    TEXT NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters (cluster_id) ON DELETE CASCADE,
    PRIMARY KEY (type, side, country, cluster_id)
) WITHOUT ROWID;
CREATE INDEX cluster_keys_cluster ON cluster_keys (cluster_id);

-- Places events happened at, one row per distinct (name, country, lat, lon); place_key is
-- their JSON so that NULLs compare equal.
CREATE TABLE places (
    place_id  INTEGER PRIMARY KEY,
    place_key TEXT NOT NULL UNIQUE,
    name      TEXT,
    country   TEXT,
    lat       REAL,
    lon       REAL
);
CREATE INDEX places_country ON places (country);

-- One row per event mention: every field of the SPEC record, plus the record itself.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL UNIQUE,
    doc_id         TEXT NOT NULL REFERENCES documents (doc_id) ON UPDATE CASCADE ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    sentence_text  TEXT NOT NULL,
    trigger        TEXT NOT NULL,
    type           TEXT NOT NULL,
    mode           TEXT,
    context        TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    goldstein      REAL NOT NULL,
    quad_class     INTEGER NOT NULL,
    date           TEXT,
    date_text      TEXT,
    month          TEXT,
    location_text    TEXT,
    location_name    TEXT,
    location_country TEXT,
    location_lat     REAL,
    location_lon     REAL,
    negated        INTEGER NOT NULL,
    modality       TEXT NOT NULL,
    attributed_to  TEXT,
    confidence     REAL NOT NULL,
    place_id       INTEGER REFERENCES places (place_id),
    cluster_id     INTEGER REFERENCES clusters (cluster_id) ON DELETE SET NULL,
    record         TEXT NOT NULL
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_type_date ON events (type, date);
CREATE INDEX events_quad_date ON events (quad_class, date);
CREATE INDEX events_date ON events (date);

CREATE TABLE event_actors (
    event_rowid INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('source', 'target')),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    name        TEXT,
    role        TEXT,
    start       INTEGER,
    "end"       INTEGER,
    PRIMARY KEY (event_rowid, side, position)
) WITHOUT ROWID;
CREATE INDEX event_actors_country ON event_actors (country, side, event_rowid);

-- Documents that failed a stage, in place of their events.
CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    doc_id  TEXT NOT NULL,
    source  TEXT,
    stage   TEXT NOT NULL,
    type    TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX errors_doc ON errors (doc_id);

-- Full-text index over sentence text (external content: the text lives in events).
CREATE VIRTUAL TABLE events_fts USING fts5 (
    sentence_text, content = 'events', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, sentence_text) VALUES (new.id, new.sentence_text);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, sentence_text)
    VALUES ('delete', old.id, old.sentence_text);
END;

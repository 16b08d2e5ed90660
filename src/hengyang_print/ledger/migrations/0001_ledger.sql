-- Schema 1: pages, their versions (with each version's block texts), marks, signatures, releases,
-- refusals. Append-only: the triggers at the end refuse every UPDATE and DELETE; a resolution, a
-- revocation or a release is a new row naming the row it concerns.

PRAGMA application_id = 1213811783; -- 'HYLG': this file is a hengyang-print ledger

CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    content TEXT NOT NULL,          -- content file, relative to the project folder, POSIX separators
    layout TEXT NOT NULL,           -- a bundled layout's name, or a layout file relative to the project
    UNIQUE (content, layout)
);

CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    content_sha256 TEXT NOT NULL,
    layout_sha256 TEXT NOT NULL,
    pdf_bytes INTEGER,              -- the PDF's size; NULL when its bytes were not kept
    made_at TEXT NOT NULL,          -- UTC, ISO 8601
    person TEXT NOT NULL,
    UNIQUE (page_id, number)
);

CREATE TABLE texts (                -- a block's text, stored once however many versions share it
    sha256 TEXT PRIMARY KEY,
    body TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE version_blocks (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    block TEXT NOT NULL,            -- items[3].body[0]
    position INTEGER NOT NULL,      -- reading order
    text_sha256 TEXT NOT NULL REFERENCES texts (sha256),
    PRIMARY KEY (version_id, block)
) WITHOUT ROWID;

CREATE TABLE marks (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions (id),
    block TEXT NOT NULL,
    char_start INTEGER NOT NULL CHECK (char_start >= 0),
    char_end INTEGER NOT NULL CHECK (char_end >= char_start),
    text TEXT NOT NULL,             -- the characters marked, as they were in that version
    note TEXT NOT NULL CHECK (note <> ''),
    person TEXT NOT NULL,
    role TEXT,
    made_at TEXT NOT NULL
);
CREATE INDEX marks_by_version ON marks (version_id);

CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    mark_id INTEGER NOT NULL UNIQUE REFERENCES marks (id),
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    note TEXT NOT NULL CHECK (note <> ''),
    made_at TEXT NOT NULL
);

CREATE TABLE signatures (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions (id),
    role TEXT NOT NULL,
    person TEXT NOT NULL,
    note TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),  -- the bytes signed, named by the signature itself
    made_at TEXT NOT NULL
);
CREATE INDEX signatures_by_version ON signatures (version_id);

CREATE TABLE revocations (
    id INTEGER PRIMARY KEY,
    signature_id INTEGER NOT NULL UNIQUE REFERENCES signatures (id),
    person TEXT NOT NULL,
    note TEXT NOT NULL CHECK (note <> ''),
    made_at TEXT NOT NULL
);

CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions (id),
    pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    destination TEXT NOT NULL,      -- the PDF written to the plant's folder, absolute
    record_sha256 TEXT NOT NULL,    -- the release record (JSON) written beside it
    person TEXT NOT NULL,
    made_at TEXT NOT NULL
);

CREATE TABLE refusals (
    id INTEGER PRIMARY KEY,
    page_id INTEGER REFERENCES pages (id),
    action TEXT NOT NULL,           -- sign | revoke | mark | resolve | release | login
    person TEXT NOT NULL,
    role TEXT,
    reason TEXT NOT NULL,
    made_at TEXT NOT NULL
);

CREATE TRIGGER pages_append_only_u BEFORE UPDATE ON pages BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER pages_append_only_d BEFORE DELETE ON pages BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER versions_append_only_u BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER versions_append_only_d BEFORE DELETE ON versions BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER texts_append_only_u BEFORE UPDATE ON texts BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER texts_append_only_d BEFORE DELETE ON texts BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER version_blocks_append_only_u BEFORE UPDATE ON version_blocks BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER version_blocks_append_only_d BEFORE DELETE ON version_blocks BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER marks_append_only_u BEFORE UPDATE ON marks BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER marks_append_only_d BEFORE DELETE ON marks BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER resolutions_append_only_u BEFORE UPDATE ON resolutions BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER resolutions_append_only_d BEFORE DELETE ON resolutions BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER signatures_append_only_u BEFORE UPDATE ON signatures BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER signatures_append_only_d BEFORE DELETE ON signatures BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER revocations_append_only_u BEFORE UPDATE ON revocations BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER revocations_append_only_d BEFORE DELETE ON revocations BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER releases_append_only_u BEFORE UPDATE ON releases BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER releases_append_only_d BEFORE DELETE ON releases BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER refusals_append_only_u BEFORE UPDATE ON refusals BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER refusals_append_only_d BEFORE DELETE ON refusals BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

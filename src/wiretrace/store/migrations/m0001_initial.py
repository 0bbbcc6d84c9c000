"""Schema version 1: articles, refs with history, stage analyses, findings, FTS5, runs.

Documented table by table in ``docs/store.md``.
"""

from __future__ import annotations

STEPS: tuple[str, ...] = (
    """CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL
    )""",
    """CREATE TABLE articles (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        headline TEXT,
        outlet TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        published_source TEXT,
        url TEXT,
        source_outlet TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_outlet ON articles (outlet)",
    """CREATE TABLE refs (
        ref TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id),
        input TEXT NOT NULL,
        analysis_id TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        version INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX refs_article ON refs (article_id)",
    """CREATE TABLE ref_history (
        ref TEXT NOT NULL,
        version INTEGER NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id),
        raw_hash TEXT NOT NULL,
        input TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (ref, version)
    )""",
    """CREATE TABLE analyses (
        article_id TEXT NOT NULL REFERENCES articles (id),
        stage TEXT NOT NULL,
        version TEXT NOT NULL,
        current INTEGER NOT NULL DEFAULT 1,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (article_id, stage, version)
    )""",
    "CREATE UNIQUE INDEX analyses_current ON analyses (article_id, stage) WHERE current = 1",
    """CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles (id),
        eid TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        surname TEXT NOT NULL,
        aliases TEXT NOT NULL,
        mentions TEXT NOT NULL,
        PRIMARY KEY (article_id, eid)
    )""",
    "CREATE INDEX entities_surname ON entities (surname)",
    """CREATE TABLE quotes (
        n INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id),
        qid TEXT NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        speaker_key TEXT,
        speaker_surname TEXT,
        speaker_entity TEXT,
        speaker_description TEXT,
        cue TEXT,
        UNIQUE (article_id, qid)
    )""",
    "CREATE INDEX quotes_speaker ON quotes (speaker_surname)",
    """CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles (id),
        cid TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        speaker_key TEXT,
        speaker_surname TEXT,
        quote_id TEXT,
        negated INTEGER NOT NULL,
        date TEXT,
        PRIMARY KEY (article_id, cid)
    )""",
    "CREATE INDEX claims_speaker ON claims (speaker_surname)",
    """CREATE TABLE disputes (
        article_id TEXT NOT NULL REFERENCES articles (id),
        claim_id TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        cue TEXT,
        PRIMARY KEY (article_id, claim_id, counter_id)
    )""",
    """CREATE TABLE timexes (
        article_id TEXT NOT NULL REFERENCES articles (id),
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        end_value TEXT,
        PRIMARY KEY (article_id, n)
    )""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'running'
    )""",
    """CREATE TABLE failures (
        n INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs (id),
        input TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE articles_fts USING fts5 (
        headline, body, content = 'articles', content_rowid = 'n', tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, headline, body) VALUES (new.n, new.headline, new.body);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.n, old.headline, old.body);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, body ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.n, old.headline, old.body);
        INSERT INTO articles_fts (rowid, headline, body) VALUES (new.n, new.headline, new.body);
    END""",
    """CREATE VIRTUAL TABLE quotes_fts USING fts5 (
        text, speaker, content = 'quotes', content_rowid = 'n', tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('rank', 'bm25(1.0, 0.5)')",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.n, new.text, new.speaker);
    END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker) VALUES ('delete', old.n, old.text, old.speaker);
    END""",
)

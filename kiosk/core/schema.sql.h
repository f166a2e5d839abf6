// The mirror's schema (data/SCHEMA.md explains each table).
// Migrations are applied in order from PRAGMA user_version; never edit an
// entry once released, append a new one.
#pragma once

namespace gongkai {

inline constexpr const char* kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('mirror_version', '0'),
  ('state_digest', '0000000000000000000000000000000000000000000000000000000000000000'),
  ('record_format', 'gongkai-records/1'), ('updated_at', '');

-- Every record, verbatim canonical line; the source of truth.
CREATE TABLE record(
  rid INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  sha256 BLOB NOT NULL,
  json TEXT NOT NULL,
  UNIQUE(type, id));

-- Typed columns for screens and filters; rid = record.rid. No foreign keys:
-- feeds arrive in any order and a dangling reference is shown as text.
CREATE TABLE domain(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER, name TEXT);
CREATE TABLE agency(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT, kind TEXT);
CREATE INDEX agency_name ON agency(name);
CREATE TABLE catalog_item(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, domain TEXT,
  level1 TEXT, level2 TEXT);
CREATE INDEX catalog_item_domain ON catalog_item(domain);
CREATE TABLE document(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT,
  index_no TEXT, doc_no TEXT, issuer TEXT, domain TEXT, kind TEXT, validity TEXT,
  written_on TEXT, published_on TEXT);
CREATE INDEX document_domain ON document(domain, published_on);
CREATE INDEX document_published ON document(published_on);
CREATE TABLE document_link(rid INTEGER NOT NULL, interprets TEXT NOT NULL);
CREATE INDEX document_link_rid ON document_link(rid);
CREATE INDEX document_link_target ON document_link(interprets);
CREATE TABLE service_guide(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT,
  agency TEXT, domain TEXT);
CREATE INDEX service_guide_domain ON service_guide(domain);
CREATE TABLE consultation(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT,
  agency TEXT, opens_on TEXT, closes_on TEXT);
CREATE TABLE kiosk(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, site TEXT, pubkey TEXT);

-- Character use counts of all record text (for the kiosk's glyph atlas).
CREATE TABLE glyph(cp INTEGER PRIMARY KEY, uses INTEGER NOT NULL) WITHOUT ROWID;

-- gongkai-sync's view of the feed; one row.
CREATE TABLE sync_state(
  one INTEGER PRIMARY KEY CHECK (one = 1),
  feed_id TEXT, version INTEGER, state_digest TEXT, created TEXT, expires TEXT,
  source TEXT, last_attempt TEXT, last_success TEXT, last_error TEXT,
  stale INTEGER NOT NULL DEFAULT 0);
INSERT INTO sync_state(one) VALUES (1);
)sql",
    // 1 -> 2: full-text search (kiosk/core/search_index.h). Contentless: the
    // text lives in record.json. Filled by the reindex that a tokenizer_version
    // different from kTokenizerVersion triggers when a writer opens the mirror.
    R"sql(
CREATE VIRTUAL TABLE search USING fts5(title, ref, summary, body, content='', tokenize='gongkai');
INSERT INTO meta VALUES ('tokenizer_version', '0');
)sql",
    // 2 -> 3: pinyin is expanded at query time through the mirror's pairs of
    // characters (kiosk/core/pair_vocabulary.h); filled by the reindex that
    // tokenizer version 3 triggers.
    R"sql(
CREATE TABLE pinyin_pair(ikey TEXT NOT NULL, pair TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(ikey, pair)) WITHOUT ROWID;
)sql",
    // 3 -> 4: which runs of three characters the text has, a Bloom filter
    // that spares pinyin conversion the search index's costliest questions
    // (kiosk/core/triple_filter.h); filled by the reindex this forces.
    R"sql(
CREATE TABLE pinyin_triple(shard INTEGER PRIMARY KEY, bits BLOB NOT NULL);
UPDATE meta SET value = '0' WHERE key = 'tokenizer_version';
)sql",
    // 4 -> 5: the titles again, alone (kiosk/core/search_index.h): a search's
    // title matches are read from their short position lists rather than the
    // whole text's; filled by the reindex this forces.
    R"sql(
CREATE VIRTUAL TABLE search_title USING fts5(title, content='', tokenize='gongkai');
UPDATE meta SET value = '0' WHERE key = 'tokenizer_version';
)sql",
};

}  // namespace gongkai

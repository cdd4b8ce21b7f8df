-- A contact brought in from a station's ledger (台账) remembers the ledger row it came from: importing
-- the same row again creates nothing.
ALTER TABLE contact ADD COLUMN import_key VARCHAR(64);
CREATE UNIQUE INDEX contact_import_key_uk ON contact (import_key);

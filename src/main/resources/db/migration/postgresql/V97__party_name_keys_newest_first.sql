-- The duplicate search reads each name key's newest holders in scope only (SameMatterSearch.PER_KEY). A party now
-- carries its contact's station (the entity keeps it so when a contact is transferred), so that the scope is checked
-- in the name's index itself: in a station of a million contacts a key's few hundred holders were each joined to
-- their contact before, for its station (some 6,600 buffers a search; now some 400). The indexes give a key's
-- parties of one role newest first with their station; they serve every look-up the single-column ones served.
ALTER TABLE party ADD COLUMN station_id BIGINT;
UPDATE party p SET station_id = c.station_id FROM contact c WHERE c.id = p.contact_id;
ALTER TABLE party ALTER COLUMN station_id SET NOT NULL;
-- no foreign key: the value is the contact's station, which the contact's own key holds; a check per party written
-- would cost each registration two more reads for nothing the contact's does not already guarantee

CREATE INDEX party_pinyin_role_ix ON party (name_pinyin, role, id) INCLUDE (station_id);
CREATE INDEX party_name_key_head_role_ix ON party (name_key_head, role, id) INCLUDE (station_id);
CREATE INDEX party_name_key_gap_role_ix ON party (name_key_gap, role, id) INCLUDE (station_id);
DROP INDEX party_pinyin_ix;
DROP INDEX party_name_key_head_ix;
DROP INDEX party_name_key_gap_ix;

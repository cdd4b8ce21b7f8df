-- The duplicate search reads each name key's newest holders in scope only (SameMatterSearch.PER_KEY). A party now
-- carries its contact's station (the entity keeps it so when a contact is transferred), so that the scope is checked
-- on the party itself, not on its contact joined for it. The indexes give a key's parties of one role newest first
-- with their station (H2 has no INCLUDE); they serve every look-up the single-column ones served.
ALTER TABLE party ADD COLUMN station_id BIGINT;
UPDATE party p SET station_id = (SELECT c.station_id FROM contact c WHERE c.id = p.contact_id);
ALTER TABLE party ALTER COLUMN station_id SET NOT NULL;
-- no foreign key: the value is the contact's station, which the contact's own key holds; a check per party written
-- would cost each registration two more reads for nothing the contact's does not already guarantee

CREATE INDEX party_pinyin_role_ix ON party (name_pinyin, role, id, station_id);
CREATE INDEX party_name_key_head_role_ix ON party (name_key_head, role, id, station_id);
CREATE INDEX party_name_key_gap_role_ix ON party (name_key_gap, role, id, station_id);
DROP INDEX party_pinyin_ix;
DROP INDEX party_name_key_head_ix;
DROP INDEX party_name_key_gap_ix;

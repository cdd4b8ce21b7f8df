-- The duplicate search (SameMatterSearch) judges each name key's newest holders by their name, gender, age and
-- contact. The key's index (V97) gave only the party's id and station, so each of some hundred namesakes a search
-- finds at 100,000 contacts was looked up again by the party's key: five buffers each, 540 of a search's 580. Held in
-- the index, they are read with the key (about 90 buffers a search; a row of a page not yet all-visible still costs
-- its heap page). The indexes grow by half (15 → 23 MB each, built fresh at 260,000 parties). H2 keeps V97's: it
-- has no INCLUDE.
DROP INDEX party_pinyin_role_ix;
DROP INDEX party_name_key_head_role_ix;
DROP INDEX party_name_key_gap_role_ix;
CREATE INDEX party_pinyin_role_ix ON party (name_pinyin, role, id)
    INCLUDE (station_id, contact_id, name, gender, age, birth_date);
CREATE INDEX party_name_key_head_role_ix ON party (name_key_head, role, id)
    INCLUDE (station_id, contact_id, name, gender, age, birth_date);
CREATE INDEX party_name_key_gap_role_ix ON party (name_key_gap, role, id)
    INCLUDE (station_id, contact_id, name, gender, age, birth_date);

-- The duplicate search (SameMatterRule) compares the readings (pinyin) of each namesake's name with the new
-- contact's. It read them again from the dictionary, name by name: 16 % of a registration's Java time at 100,000
-- contacts, since the cache of readings cannot hold a large station's names. The reading is stored with the party
-- (name_pinyin, the pinyin index's key); held in the two name-key indexes too, every branch of the search gives it from
-- the index alone. H2 keeps V97's indexes: it has no INCLUDE.
DROP INDEX party_name_key_head_role_ix;
DROP INDEX party_name_key_gap_role_ix;
CREATE INDEX party_name_key_head_role_ix ON party (name_key_head, role, id)
    INCLUDE (station_id, contact_id, name, gender, age, birth_date, name_pinyin);
CREATE INDEX party_name_key_gap_role_ix ON party (name_key_gap, role, id)
    INCLUDE (station_id, contact_id, name, gender, age, birth_date, name_pinyin);

-- The duplicate search reads each name key's newest holders in scope only (SameMatterSearch.PER_KEY): these indexes
-- give a key's parties of one role newest first, so that a key held by thousands is read no further than needed.
-- They serve every look-up the single-column indexes served, which go.
CREATE INDEX party_pinyin_role_ix ON party (name_pinyin, role, id);
CREATE INDEX party_name_key_head_role_ix ON party (name_key_head, role, id);
CREATE INDEX party_name_key_gap_role_ix ON party (name_key_gap, role, id);
DROP INDEX party_pinyin_ix;
DROP INDEX party_name_key_head_ix;
DROP INDEX party_name_key_gap_ix;

-- Duplicate search by index only (issue 16): a name one character apart is found through two keys, the name with its
-- last character hidden (张晓花 -> 张晓*) and with its second-to-last hidden (张晓花 -> 张*花); a two-character name
-- stands for the names it may have lost a character from (张花 -> 张花*, 张*花). The same or a homophone name is found
-- through name_pinyin. Only names of Chinese characters have keys (PersonName.keys; the application writes them).
-- Not pg_trgm: a trigram index serves similarity on the whole name, which says nothing about which characters differ,
-- and these keys work the same on H2.
ALTER TABLE party ADD COLUMN name_key_head VARCHAR(100);
ALTER TABLE party ADD COLUMN name_key_gap VARCHAR(100);

UPDATE party SET
    name_key_head = CASE WHEN char_length(name) = 2 THEN name || '*'
                         ELSE substr(name, 1, char_length(name) - 1) || '*' END,
    name_key_gap = CASE WHEN char_length(name) = 2 THEN substr(name, 1, 1) || '*' || substr(name, 2, 1)
                        ELSE substr(name, 1, char_length(name) - 2) || '*' || substr(name, char_length(name), 1) END
WHERE char_length(name) >= 2 AND REGEXP_LIKE(name, '^[㐀-䶿一-鿿]+$');

CREATE INDEX party_name_key_head_ix ON party (name_key_head);
CREATE INDEX party_name_key_gap_ix ON party (name_key_gap);

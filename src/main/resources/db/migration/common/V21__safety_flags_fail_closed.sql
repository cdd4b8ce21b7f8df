-- A phone or an address whose safety nobody stated is not safe to contact: for a survivor of domestic
-- violence a call to the shared home phone can be the danger. Rows written before keep their value.
ALTER TABLE party ALTER COLUMN address_safe SET DEFAULT FALSE;
ALTER TABLE party_phone ALTER COLUMN safe_to_contact SET DEFAULT FALSE;

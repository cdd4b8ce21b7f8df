-- the language each user chose for the web pages (zh = Simplified Chinese, the default; en = English)
ALTER TABLE app_user ADD COLUMN language VARCHAR(8) DEFAULT 'zh' NOT NULL;
ALTER TABLE app_user ADD CONSTRAINT app_user_language_ck CHECK (language IN ('zh', 'en'));

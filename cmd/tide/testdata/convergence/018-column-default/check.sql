SELECT count(*) = 3 FROM settings;
SELECT theme = 'dark' AND retries = 3 AND legacy_flag AND locale = 'fr' FROM settings WHERE id = 1;
SELECT theme IS NULL AND retries IS NULL AND legacy_flag IS NULL AND locale IS NULL FROM settings WHERE id = 3;
SELECT column_default = '5' FROM information_schema.columns WHERE table_name = 'settings' AND column_name = 'retries';
SELECT column_default IS NULL FROM information_schema.columns WHERE table_name = 'settings' AND column_name = 'legacy_flag';
SELECT column_default = '''light''::text' FROM information_schema.columns WHERE table_name = 'settings' AND column_name = 'theme';

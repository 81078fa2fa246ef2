SELECT count(*) = 3 FROM contacts;
SELECT phone = '+44 161 555' FROM contacts WHERE id = 3;
SELECT phone IS NULL AND name = 'Grace' FROM contacts WHERE id = 2;
SELECT to_regclass('public.contacts_legacy_code_idx') IS NULL;

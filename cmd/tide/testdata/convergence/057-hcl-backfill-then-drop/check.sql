SELECT count(*) = 4 FROM people;
SELECT full_name = 'Ada Lovelace' AND email_domain = 'analytical.org' FROM people WHERE id = 1;
SELECT full_name = 'Cher' AND email_domain IS NULL FROM people WHERE id = 3;
SELECT full_name = 'Alan Turing' AND email_domain = 'bletchley.uk' FROM people WHERE id = 4;
SELECT is_nullable = 'NO' AND column_default IS NULL FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'full_name';
SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'people' AND column_name IN ('first_name', 'last_name'));

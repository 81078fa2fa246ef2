SELECT count(*) = 3 FROM people;
SELECT family_name = 'Turing' AND age = 41 FROM people WHERE id = 3;
SELECT age IS NULL FROM people WHERE id = 2;
SELECT count(*) = 2 FROM visits WHERE person_id = 3;
SELECT character_maximum_length = 100 FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'family_name';
SELECT indexdef LIKE '%(family_name)' FROM pg_indexes WHERE indexname = 'people_surname_idx';

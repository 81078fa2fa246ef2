SELECT count(*) = 4 FROM words;
SELECT word = 'Banana' AND sort_key = 'B' AND meaning IS NULL FROM words WHERE id = 2;
SELECT collation_name = 'C' FROM information_schema.columns WHERE table_name = 'words' AND column_name = 'word';
SELECT collation_name = 'C' FROM information_schema.columns WHERE table_name = 'words' AND column_name = 'code';
SELECT collation_name IS NULL FROM information_schema.columns WHERE table_name = 'words' AND column_name = 'meaning';
SELECT string_agg(word, ',' ORDER BY word) = 'Banana,Zebra,apple,cherry' FROM words;

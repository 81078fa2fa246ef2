SELECT count(*) = 3 FROM profiles;
SELECT name = 'Katherine Johnson' AND bio = 'Orbital mechanics at NASA' FROM profiles WHERE id = 3;
SELECT bio IS NULL AND nickname IS NULL FROM profiles WHERE id = 2;
SELECT handle = 'katherine.johnson' FROM profiles WHERE id = 3;
SELECT character_maximum_length = 60 FROM information_schema.columns WHERE table_name = 'profiles' AND column_name = 'name';
SELECT character_maximum_length = 50 FROM information_schema.columns WHERE table_name = 'profiles' AND column_name = 'bio';

SELECT group_concat(display_name ORDER BY id) = 'Ada,Grace' FROM people;

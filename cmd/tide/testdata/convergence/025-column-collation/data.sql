INSERT INTO words (id, word, sort_key, meaning) VALUES
    (1, 'apple', 'a', 'fruit'),
    (2, 'Banana', 'B', NULL),
    (3, 'cherry', NULL, 'small fruit'),
    (4, 'Zebra', 'Z', 'animal');

CREATE TABLE words (
    id       integer PRIMARY KEY,
    word     text NOT NULL,
    sort_key varchar(50),
    meaning  text
);
CREATE INDEX words_word_idx ON words (word);

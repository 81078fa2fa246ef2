CREATE TABLE words (
    id       integer PRIMARY KEY,
    word     text COLLATE "C" NOT NULL,
    sort_key varchar(50) COLLATE "C",
    meaning  text,
    code     text COLLATE "C"
);
CREATE INDEX words_word_idx ON words (word);

-- Tables built up with ALTER TABLE and CREATE INDEX after their CREATE.
CREATE TABLE accounts (
  id int NOT NULL,
  email varchar(200) NOT NULL
);

ALTER TABLE accounts ADD PRIMARY KEY (id);
ALTER TABLE accounts ADD COLUMN handle varchar(30) NOT NULL AFTER id;
ALTER TABLE accounts ADD COLUMN tenant int NOT NULL FIRST, ADD COLUMN bio text, ADD UNIQUE KEY (email);
ALTER TABLE accounts ENGINE = InnoDB, COMMENT = 'login accounts', ALGORITHM=INPLACE, LOCK=NONE;
CREATE UNIQUE INDEX accounts_handle ON accounts (tenant, handle);
CREATE INDEX accounts_bio ON accounts (bio(50));
CREATE FULLTEXT INDEX accounts_bio_ft ON accounts (bio);

CREATE TABLE sessions (
  id char(36) NOT NULL PRIMARY KEY,
  account_id int NOT NULL,
  expires_at datetime NOT NULL
);
ALTER TABLE sessions ADD CONSTRAINT sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD CHECK (expires_at > '2000-01-01'), ADD CONSTRAINT sessions_id_len CHECK (char_length(id) = 36);
ALTER TABLE sessions ADD FOREIGN KEY (account_id) REFERENCES accounts (id);
ALTER TABLE sessions ADD KEY (expires_at);

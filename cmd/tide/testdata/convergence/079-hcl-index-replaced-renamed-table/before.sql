CREATE TABLE members (
    id     integer PRIMARY KEY,
    email  text NOT NULL,
    joined date NOT NULL,
    CONSTRAINT members_email_check CHECK (email <> '')
);
CREATE INDEX members_joined_idx ON members (joined);

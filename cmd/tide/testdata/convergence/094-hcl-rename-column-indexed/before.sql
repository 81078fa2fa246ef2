CREATE TABLE accounts (
    id    bigint PRIMARY KEY,
    mail  text NOT NULL,
    score integer DEFAULT 0,
    CONSTRAINT accounts_mail_key UNIQUE (mail),
    CONSTRAINT accounts_mail_check CHECK (mail LIKE '%@%')
);
CREATE INDEX accounts_mail_lower_idx ON accounts (lower(mail));

CREATE TABLE subscribers (
    id    integer PRIMARY KEY,
    email text NOT NULL
);
CREATE SEQUENCE newsletter_issue_seq AS integer START WITH 1 INCREMENT BY 1;
CREATE TABLE newsletter_issues (
    issue   integer NOT NULL DEFAULT nextval('newsletter_issue_seq') PRIMARY KEY,
    subject text NOT NULL,
    sent_at timestamptz
);
ALTER SEQUENCE newsletter_issue_seq OWNED BY newsletter_issues.issue;

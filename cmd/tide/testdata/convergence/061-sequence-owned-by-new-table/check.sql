SELECT count(*) = 2 FROM subscribers;
SELECT email = 'ben@example.com' FROM subscribers WHERE id = 2;
SELECT count(*) = 0 FROM newsletter_issues;
SELECT pg_get_serial_sequence('newsletter_issues', 'issue') = 'public.newsletter_issue_seq';

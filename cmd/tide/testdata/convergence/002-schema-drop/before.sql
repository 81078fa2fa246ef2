CREATE TABLE users (
    id    bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE SCHEMA legacy;
CREATE TYPE legacy.event_kind AS ENUM ('login', 'logout');
CREATE SEQUENCE legacy.audit_seq;
CREATE TABLE legacy.old_events (
    id      bigint PRIMARY KEY,
    user_id bigint REFERENCES public.users (id),
    kind    legacy.event_kind NOT NULL,
    at      timestamp NOT NULL
);

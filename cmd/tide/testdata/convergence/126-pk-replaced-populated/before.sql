CREATE TABLE documents (
    id        integer NOT NULL,
    tenant_id integer,
    body      text,
    CONSTRAINT documents_pkey PRIMARY KEY (id)
);

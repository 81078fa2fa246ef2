CREATE TABLE documents (
    id        integer NOT NULL,
    tenant_id integer NOT NULL,
    body      text,
    CONSTRAINT documents_pkey PRIMARY KEY (tenant_id, id)
);

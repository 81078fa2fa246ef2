CREATE TABLE documents (
    id         integer PRIMARY KEY,
    code       text NOT NULL,
    title      text NOT NULL,
    tags       text[],
    attrs      jsonb,
    tsv        tsvector,
    valid      tstzrange,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_code_idx ON documents (code);

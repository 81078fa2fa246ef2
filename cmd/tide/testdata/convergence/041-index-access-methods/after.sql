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
CREATE INDEX documents_code_idx ON documents USING hash (code);
CREATE INDEX documents_tags_idx ON documents USING gin (tags);
CREATE INDEX documents_attrs_idx ON documents USING gin (attrs jsonb_path_ops);
CREATE INDEX documents_tsv_idx ON documents USING gin (tsv);
CREATE INDEX documents_tsv_gist_idx ON documents USING gist (tsv);
CREATE INDEX documents_valid_idx ON documents USING gist (valid);
CREATE INDEX documents_created_brin_idx ON documents USING brin (created_at);

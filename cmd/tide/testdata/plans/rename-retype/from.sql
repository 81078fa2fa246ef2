CREATE TABLE prices (
    id     integer PRIMARY KEY,
    sku    text NOT NULL,
    amount integer NOT NULL DEFAULT 0,
    CONSTRAINT prices_amount_chk CHECK (amount >= 0)
);
CREATE INDEX prices_amount_idx ON prices (amount);

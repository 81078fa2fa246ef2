CREATE TABLE order_lines (
    id       integer PRIMARY KEY,
    qty      integer NOT NULL,
    discount numeric(4,2) NOT NULL DEFAULT 0,
    CONSTRAINT order_lines_qty_check CHECK (qty > 0),
    CONSTRAINT order_lines_discount_check CHECK (discount >= 0)
);

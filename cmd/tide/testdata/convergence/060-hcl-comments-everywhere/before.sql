CREATE SCHEMA inventory;
COMMENT ON SCHEMA inventory IS 'stock';
CREATE TABLE inventory.items (
    id    integer PRIMARY KEY,
    name  text NOT NULL,
    qty   integer NOT NULL DEFAULT 0,
    notes text
);
COMMENT ON TABLE inventory.items IS 'things';
COMMENT ON COLUMN inventory.items.notes IS 'free text';
CREATE VIEW inventory.low_stock AS SELECT id, name FROM inventory.items WHERE qty < 5;
COMMENT ON VIEW inventory.low_stock IS 'low';

CREATE TABLE memberships (
    id      integer PRIMARY KEY,
    org_id  integer NOT NULL,
    user_id integer NOT NULL,
    role    text NOT NULL DEFAULT 'member'
);
CREATE TABLE order_lines (
    order_id integer NOT NULL,
    line_no  integer NOT NULL,
    sku      text NOT NULL,
    CONSTRAINT order_lines_pk PRIMARY KEY (order_id)
);

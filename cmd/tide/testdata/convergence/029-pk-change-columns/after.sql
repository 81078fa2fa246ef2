CREATE TABLE memberships (
    id      integer NOT NULL,
    org_id  integer NOT NULL,
    user_id integer NOT NULL,
    role    text NOT NULL DEFAULT 'member',
    PRIMARY KEY (org_id, user_id)
);
CREATE TABLE order_lines (
    order_id integer NOT NULL,
    line_no  integer NOT NULL,
    sku      text NOT NULL,
    CONSTRAINT order_lines_pk PRIMARY KEY (order_id, line_no)
);

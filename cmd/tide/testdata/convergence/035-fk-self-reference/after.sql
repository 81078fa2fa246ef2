CREATE TABLE employees (
    id         integer PRIMARY KEY,
    name       text NOT NULL,
    manager_id integer REFERENCES employees (id) ON DELETE SET NULL
);
CREATE TABLE categories (
    id        integer PRIMARY KEY,
    name      text NOT NULL,
    parent_id integer,
    CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
);
CREATE INDEX employees_manager_id_idx ON employees (manager_id);

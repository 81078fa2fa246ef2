CREATE TABLE employees (
    id         bigint PRIMARY KEY,
    manager_id bigint REFERENCES employees (id) ON DELETE SET NULL,
    name       text NOT NULL
);
CREATE INDEX employees_manager_idx ON employees (manager_id);
CREATE TABLE notes (
    id          integer PRIMARY KEY,
    employee_id integer NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
    body        text
);

CREATE TYPE status AS ENUM ('new', 'doing', 'done');
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE tasks (id bigint PRIMARY KEY, status status NOT NULL DEFAULT 'new', mood mood);
CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE status <> 'done';

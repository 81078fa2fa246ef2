CREATE TYPE status AS ENUM ('new', 'done');
CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE tasks (id bigint PRIMARY KEY, status status NOT NULL DEFAULT 'new', mood mood, legacy text);
CREATE INDEX tasks_legacy_idx ON tasks (legacy);
CREATE TABLE audit (id bigint PRIMARY KEY);
CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE status = 'new';

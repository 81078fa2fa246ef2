CREATE TABLE logs (
    id      bigint PRIMARY KEY,
    message text
);
CREATE TABLE tags (
    name  text PRIMARY KEY,
    color text
);

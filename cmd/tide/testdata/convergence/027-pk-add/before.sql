CREATE TABLE logs (
    id      bigint NOT NULL,
    message text
);
CREATE TABLE tags (
    name  text,
    color text
);

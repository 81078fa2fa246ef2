CREATE TABLE posts (
    id    integer PRIMARY KEY,
    title text NOT NULL
);
CREATE TABLE comments (
    id      integer PRIMARY KEY,
    post_id integer,
    body    text NOT NULL,
    CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX comments_post_idx ON comments (post_id);

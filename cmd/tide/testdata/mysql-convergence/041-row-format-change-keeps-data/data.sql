INSERT INTO events (id, body) VALUES (1, 'first'), (2, 'second'), (3, repeat('x', 150));
INSERT INTO archive (id, payload) VALUES (1, repeat('compressed ', 500)), (2, NULL);
INSERT INTO notes (id, note) VALUES (1, 'kept');
INSERT INTO codes (id, code) VALUES (1, 'AB12'), (2, 'CD34');
INSERT INTO docs (id, body) VALUES (1, 'row formats and full text'), (2, 'second document');

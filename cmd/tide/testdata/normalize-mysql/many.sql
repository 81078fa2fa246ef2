-- Many distinct long columns: the scratch tables must split them to stay
-- within the row size (each default is a slot column of its own type).
CREATE TABLE m1 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a1', b varchar(2000) DEFAULT 'b1', c varchar(2000) DEFAULT 'c1', d varchar(2000) DEFAULT 'd1');
CREATE TABLE m2 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a2', b varchar(2000) DEFAULT 'b2', c varchar(2000) DEFAULT 'c2', d varchar(2000) DEFAULT 'd2');
CREATE TABLE m3 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a3', b varchar(2000) DEFAULT 'b3', c varchar(2000) DEFAULT 'c3', d varchar(2000) DEFAULT 'd3');
CREATE TABLE m4 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a4', b varchar(2000) DEFAULT 'b4', c varchar(2000) DEFAULT 'c4', d varchar(2000) DEFAULT 'd4');
CREATE TABLE m5 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a5', b varchar(2000) DEFAULT 'b5', c varchar(2000) DEFAULT 'c5', d varchar(2000) DEFAULT 'd5');
CREATE TABLE m6 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a6', b varchar(2000) DEFAULT 'b6', c varchar(2000) DEFAULT 'c6', d varchar(2000) DEFAULT 'd6');
CREATE TABLE m7 (id int PRIMARY KEY, a varchar(2000) DEFAULT 'a7', b varchar(2000) DEFAULT 'b7', c varchar(2000) DEFAULT 'c7', d varchar(2000) DEFAULT 'd7', KEY (a), KEY (b), UNIQUE (c, d));

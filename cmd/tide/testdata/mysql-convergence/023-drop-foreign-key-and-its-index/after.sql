CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, team_id int);

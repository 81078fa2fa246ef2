CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, team_id int, CONSTRAINT members_team FOREIGN KEY (team_id) REFERENCES teams (id));

CREATE TABLE orgs (id bigint PRIMARY KEY);

CREATE TABLE events (
  id int NOT NULL AUTO_INCREMENT,
  event_date date DEFAULT '2024-01-01',
  event_time time DEFAULT '12:00:00',
  PRIMARY KEY (id)
);

-- Typed literals (DATE '…') as defaults: the TiDB parser takes them only
-- once their keyword is blanked; the server stores the plain string.
CREATE TABLE events (
  id int NOT NULL AUTO_INCREMENT,
  event_date date DEFAULT DATE '2024-12-31',
  event_time time DEFAULT TIME '23:59:59',
  event_at timestamp NULL DEFAULT TIMESTAMP '2024-12-31 23:59:59',
  PRIMARY KEY (id)
);

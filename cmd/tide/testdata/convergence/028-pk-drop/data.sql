INSERT INTO devices (serial, model) VALUES ('SN-1', 'T1000'), ('SN-2', 'T2000');
INSERT INTO readings (id, device_serial, value) VALUES (1, 'SN-1', 21.5), (2, 'SN-1', NULL), (3, 'SN-2', 19.0);

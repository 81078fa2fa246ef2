SELECT flag = 1 AND n = 5 AND u = 7 FROM nums;

SELECT sum(computed_value) = 24 FROM measures;

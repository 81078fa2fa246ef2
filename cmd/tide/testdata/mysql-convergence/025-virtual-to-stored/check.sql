SELECT total = 6 FROM sale_lines;

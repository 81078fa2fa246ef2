SELECT short = 'abc' AND mid = 'def' AND crossing = 'ghi' FROM notes;

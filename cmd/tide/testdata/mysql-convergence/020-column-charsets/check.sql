SELECT a = 'Ab' AND b = 'Cd' AND c = 'Ef' FROM texts;

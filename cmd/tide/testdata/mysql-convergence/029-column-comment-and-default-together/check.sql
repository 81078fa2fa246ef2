SELECT theme = 'light' FROM prefs WHERE id = 1;

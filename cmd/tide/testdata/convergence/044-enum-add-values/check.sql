SELECT count(*) = 3 FROM check_ins;
SELECT mood = 'good' FROM check_ins WHERE id = 3;
SELECT count(*) = 1 FROM check_ins WHERE mood = 'ok';
SELECT enum_range(NULL::mood)::text = '{bad,ok,meh,good,great}';
SELECT 'bad'::mood < 'ok'::mood AND 'meh'::mood < 'good'::mood AND 'good'::mood < 'great'::mood;

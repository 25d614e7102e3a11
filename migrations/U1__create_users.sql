DROP TABLE users;
DROP FUNCTION touch_row();

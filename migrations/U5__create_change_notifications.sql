DROP TRIGGER posts_notify ON posts;
DROP TRIGGER users_notify ON users;
DROP FUNCTION notify_post_change();
DROP FUNCTION notify_user_change();

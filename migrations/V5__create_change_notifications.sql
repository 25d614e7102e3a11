-- Every change to users and posts is announced on the channel postflux_changes by a trigger, inside the writing
-- transaction: a rolled-back write announces nothing, a committed one always does, whichever client wrote it
-- (cascaded deletes included). Payloads carry ids only; listeners read the current state (payloads are capped
-- at 8000 bytes and a post body can be larger).
CREATE FUNCTION notify_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('postflux_changes', json_build_object('type', 'user.deleted', 'id', OLD.id)::text);
    ELSE
        PERFORM pg_notify('postflux_changes', json_build_object(
            'type', CASE TG_OP WHEN 'INSERT' THEN 'user.created' ELSE 'user.updated' END,
            'id', NEW.id, 'version', NEW.version)::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION notify_post_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('postflux_changes', json_build_object(
            'type', 'post.deleted', 'id', OLD.id, 'authorId', OLD.author_id)::text);
    ELSE
        PERFORM pg_notify('postflux_changes', json_build_object(
            'type', CASE TG_OP WHEN 'INSERT' THEN 'post.created' ELSE 'post.updated' END,
            'id', NEW.id, 'authorId', NEW.author_id, 'version', NEW.version)::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_notify AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_user_change();
CREATE TRIGGER posts_notify AFTER INSERT OR UPDATE OR DELETE ON posts
    FOR EACH ROW EXECUTE FUNCTION notify_post_change();

-- Back to V1's and V5's functions: every UPDATE is a change (a new version, an event).
CREATE OR REPLACE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- updated_at must change on every update, even two updates within one millisecond.
    NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
    NEW.version := OLD.version + 1;
    NEW.created_at := OLD.created_at;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION notify_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION notify_post_change() RETURNS trigger LANGUAGE plpgsql AS $$
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

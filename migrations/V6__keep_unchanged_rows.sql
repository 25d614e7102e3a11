-- An UPDATE that changes nothing (a PATCH sending back the values already stored) no longer counts as a change:
-- version and updated_at stay, and no event is announced, as Sequelize skips such an update. A statement can still
-- ask for a new version by raising it (SET version = version + 1): a post's tags live in post_tags, and replacing
-- them is a change of the post that its row does not show.
CREATE OR REPLACE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := OLD.created_at;
    IF NEW.version = OLD.version THEN
        NEW.updated_at := OLD.updated_at;
        IF NEW IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
        END IF;
    END IF;
    -- updated_at must change on every update, even two updates within one millisecond.
    NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
    NEW.version := OLD.version + 1;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION notify_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('postflux_changes', json_build_object('type', 'user.deleted', 'id', OLD.id)::text);
    ELSIF TG_OP = 'INSERT' OR NEW.version <> OLD.version THEN
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
    ELSIF TG_OP = 'INSERT' OR NEW.version <> OLD.version THEN
        PERFORM pg_notify('postflux_changes', json_build_object(
            'type', CASE TG_OP WHEN 'INSERT' THEN 'post.created' ELSE 'post.updated' END,
            'id', NEW.id, 'authorId', NEW.author_id, 'version', NEW.version)::text);
    END IF;
    RETURN NULL;
END;
$$;

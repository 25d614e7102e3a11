-- Users. Constraints mirror the Java validation so the database holds the line on its own.
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- updated_at must change on every update, even two updates within one millisecond.
    NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
    NEW.version := OLD.version + 1;
    NEW.created_at := OLD.created_at;
    RETURN NEW;
END;
$$;

CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text           NOT NULL CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 100),
    email      text           NOT NULL CHECK (char_length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    role       text           NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    version    integer        NOT NULL DEFAULT 1,
    created_at timestamptz(3) NOT NULL DEFAULT now(),
    updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));
CREATE INDEX users_created_at_id_idx ON users (created_at DESC, id DESC);
CREATE INDEX users_role_created_at_id_idx ON users (role, created_at DESC, id DESC);

CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_row();

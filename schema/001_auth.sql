-- Accounts and login sessions, owned by the migrating role and used by the
-- auth_service role.
CREATE SCHEMA auth;

CREATE TABLE auth.users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
    -- argon2id hash in the PHC string format, parameters included.
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Names are unique without regard to case. The auth service detects a second
-- registration by the SQLSTATE 23505 that this index raises.
CREATE UNIQUE INDEX users_username_lower_key ON auth.users (lower(username));

-- A session stores only the SHA-256 hash of its token, so a dump of this
-- table yields no usable token.
CREATE TABLE auth.sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id    bigint NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (expires_at > issued_at)
);

CREATE INDEX sessions_user_id_idx ON auth.sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON auth.sessions (expires_at);

-- To-do items, owned by the migrating role and used by the todo_api role.
CREATE SCHEMA todo;

CREATE TABLE todo.todos (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The foreign key check runs with the rights of the table owner, so
    -- todo_api needs no access to auth.users for it.
    user_id    bigint NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
    completed  boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Serves the per-user list in its (created_at, id) order.
CREATE INDEX todos_user_id_created_at_idx ON todo.todos (user_id, created_at, id);

-- Each service role reaches only its own schema. New schemas grant nothing
-- to PUBLIC, and the REVOKE statements keep it so if defaults change.
REVOKE ALL ON SCHEMA auth FROM PUBLIC;
REVOKE ALL ON SCHEMA todo FROM PUBLIC;

GRANT USAGE ON SCHEMA auth TO auth_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth.users, auth.sessions TO auth_service;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA auth TO auth_service;

GRANT USAGE ON SCHEMA todo TO todo_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON todo.todos TO todo_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA todo TO todo_api;

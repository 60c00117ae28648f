#!/bin/bash
# Entry point of the PostgreSQL stand-in. When started as root it gives the
# postgres user ownership of PGDATA and runs itself again as that user. On an
# empty PGDATA it runs initdb with POSTGRES_USER as the superuser and
# POSTGRES_PASSWORD as its password, allows password logins (scram-sha-256)
# from any address, and creates POSTGRES_DB. Then it runs the server.
# NOTE: /docker-entrypoint-initdb.d scripts and the *_FILE variables of the
# official image are not supported, because nothing run on this stand-in uses
# them.
set -Eeuo pipefail

fail() {
    echo "$0: $*" >&2
    exit 1
}

# Print $1 as a quoted SQL identifier, with inner double quotes doubled.
quote_identifier() {
    printf '"%s"' "${1//\"/\"\"}"
}

initialize_cluster() {
    : "${POSTGRES_USER:=postgres}"
    : "${POSTGRES_DB:=$POSTGRES_USER}"
    local auth_method=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

    if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth_method" != trust ]; then
        fail "the database is uninitialized and POSTGRES_PASSWORD is not set; set it, or set POSTGRES_HOST_AUTH_METHOD=trust to allow logins without a password"
    fi

    # Word splitting is intended: POSTGRES_INITDB_ARGS is a list of options.
    # The password reaches initdb through a pipe, never a file or argv.
    # shellcheck disable=SC2086
    if [ -n "${POSTGRES_PASSWORD:-}" ]; then
        initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
            ${POSTGRES_INITDB_ARGS:-}
    else
        initdb --username="$POSTGRES_USER" ${POSTGRES_INITDB_ARGS:-}
    fi

    printf '\nhost all all all %s\n' "$auth_method" >> "$PGDATA/pg_hba.conf"

    # A server on the Unix socket only, so that no client connects over TCP
    # before initialization has finished.
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start

    if [ "$POSTGRES_DB" != postgres ]; then
        psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
            -c "CREATE DATABASE $(quote_identifier "$POSTGRES_DB")"
    fi

    pg_ctl -D "$PGDATA" -m fast -w stop
    echo "$0: initialized $PGDATA, ready for start-up"
}

if [ "${1:0:1}" = - ]; then
    set -- postgres "$@"
fi

if [ "$1" = postgres ]; then
    if [ "$(id -u)" = 0 ]; then
        mkdir -p "$PGDATA"
        chown postgres:postgres "$PGDATA"
        chmod 700 "$PGDATA"
        exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
    fi

    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        initialize_cluster
    fi
fi

exec "$@"

# Local stand-in for the official postgres image of the same major version,
# built from Debian's package, for machines without a container registry.
# It keeps what the official image documents: POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB and POSTGRES_INITDB_ARGS, initdb of an empty
# PGDATA, password authentication (scram-sha-256) on TCP, the server running
# as the postgres user, and the same PGDATA path.
ARG BASE
FROM ${BASE}

ARG PG_MAJOR

# Debian's package would otherwise create a cluster of its own at install time.
RUN groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql \
      --shell /bin/bash postgres \
 && mkdir -p /var/lib/postgresql /etc/postgresql-common/createcluster.d \
 && chown postgres:postgres /var/lib/postgresql \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/standin.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR" \
 && rm -rf /var/lib/apt/lists/* \
 && sed -ri "s/^#?(listen_addresses)\s*=\s*\S+/\1 = '*'/" \
      "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample" \
 && grep -q "^listen_addresses = '\*'" "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample" \
 && mkdir -p /var/run/postgresql \
 && chown postgres:postgres /var/run/postgresql \
 && chmod 3777 /var/run/postgresql

ENV PG_MAJOR=${PG_MAJOR} \
    LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${PG_MAJOR}/bin \
    PGDATA=/var/lib/postgresql/data

RUN mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 1777 "$PGDATA"
VOLUME /var/lib/postgresql/data

COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s usr/local/bin/docker-entrypoint.sh /

ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]

# Local stand-in for the official nginx image, built from Debian's nginx
# package, for machines without a container registry. It keeps the paths and
# start-up behaviour that the official image documents: the main config
# /etc/nginx/nginx.conf includes /etc/nginx/conf.d/*.conf, templates in
# /etc/nginx/templates are rendered into conf.d at start, content lives in
# /usr/share/nginx/html, logs go to stdout and stderr, the user is nginx
# (uid 101), and nginx runs in the foreground.
ARG BASE
FROM ${BASE}

RUN groupadd --system --gid 101 nginx \
 && useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent \
      --shell /bin/false nginx \
 && apt-get update \
 && apt-get install -y --no-install-recommends nginx gettext-base curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && rm -rf /etc/nginx/sites-available /etc/nginx/sites-enabled /etc/nginx/modules-enabled \
      /var/www /usr/share/nginx/html \
 && mkdir -p /etc/nginx/conf.d /usr/share/nginx/html /docker-entrypoint.d \
 && mkdir -p /var/cache/nginx/client_temp /var/cache/nginx/proxy_temp \
      /var/cache/nginx/fastcgi_temp /var/cache/nginx/uwsgi_temp /var/cache/nginx/scgi_temp \
 && chown -R nginx:nginx /var/cache/nginx \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log

COPY nginx.conf /etc/nginx/nginx.conf
COPY nginx-default.conf /etc/nginx/conf.d/default.conf
COPY nginx-index.html /usr/share/nginx/html/index.html
COPY nginx-entrypoint.sh /docker-entrypoint.sh

RUN nginx -t

EXPOSE 80
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]

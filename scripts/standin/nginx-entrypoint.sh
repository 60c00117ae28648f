#!/bin/sh
# Entry point of the nginx stand-in. Like the official image's
# /docker-entrypoint.sh, it renders each /etc/nginx/templates/*.template into
# /etc/nginx/conf.d/ with envsubst before starting nginx. Only variables that
# are set in the environment are replaced, so nginx's own variables ($uri,
# $host, ...) pass through unchanged. The official NGINX_ENVSUBST_TEMPLATE_DIR,
# NGINX_ENVSUBST_TEMPLATE_SUFFIX and NGINX_ENVSUBST_OUTPUT_DIR are honoured.
# NOTE: scripts in /docker-entrypoint.d and NGINX_ENVSUBST_FILTER are not
# supported, because nothing built on this stand-in uses them.
set -eu

render_templates() {
    template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
    suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
    output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}

    [ -d "$template_dir" ] || return 0

    if [ ! -w "$output_dir" ]; then
        echo "$0: $output_dir is not writable, so templates in $template_dir cannot be rendered" >&2
        exit 1
    fi

    # "${NAME} ${OTHER} ..." for every variable set in the environment.
    defined=$(awk 'BEGIN { for (name in ENVIRON) printf "${%s} ", name }')

    find "$template_dir" -type f -name "*$suffix" | sort | while read -r template; do
        relative=${template#"$template_dir"/}
        output="$output_dir/${relative%"$suffix"}"
        mkdir -p "$(dirname "$output")"
        envsubst "$defined" < "$template" > "$output"
        echo "$0: rendered $template to $output"
    done
}

if [ "${1:-}" = nginx ] || [ "${1:-}" = nginx-debug ]; then
    render_templates
fi

exec "$@"

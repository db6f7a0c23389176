#!/usr/bin/env python3
"""Write deploy/nginx/newsroom.conf with its placeholders filled in.

    python3 deploy/render_nginx.py --server-name news.example.org --listen 80 \
        --upstream 127.0.0.1:8000 [--upstream 10.0.0.2:8000] --root /srv/newsroom \
        --static-root /srv/newsroom/staticfiles --media-root /srv/newsroom/media \
        --cache-dir /var/cache/nginx/newsroom [--purge-allow 10.0.0.0/24] > /etc/nginx/sites-available/newsroom
"""

import argparse
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "newsroom.conf"


def render(*, server_name, listen, upstreams, root, static_root, media_root, cache_dir, purge_allow=()):
    text = TEMPLATE.read_text()
    replacements = {
        "@SERVER_NAME@": server_name,
        "@LISTEN@": str(listen),
        "@UPSTREAMS@": "\n    ".join(f"server {upstream};" for upstream in upstreams),
        "@ROOT@": str(root),
        "@STATIC_ROOT@": str(static_root),
        "@MEDIA_ROOT@": str(media_root),
        "@CACHE_DIR@": str(cache_dir),
        "@PURGE_ALLOW@": "\n        ".join(f"allow {network};" for network in purge_allow),
    }
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    return text


PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"


def standalone(site, prefix, *, workers="1", connections=256, access_log=True):
    """A whole nginx.conf around ``site`` that runs from the folder ``prefix``
    (nginx -p prefix -c prefix/nginx.conf), for tests and measurements."""
    import os

    user = "user root;\n" if os.geteuid() == 0 else ""
    log = f"access_log {prefix}/logs/access.log;" if access_log else "access_log off;"
    return (
        f"load_module {PURGE_MODULE};\n{user}worker_processes {workers};\nworker_rlimit_nofile 20000;\n"
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log warn;\n"
        f"events {{ worker_connections {connections}; }}\n"
        # sendfile and tcp_nopush as Debian's /etc/nginx/nginx.conf has them, around the site in production.
        f"http {{\n include /etc/nginx/mime.types;\n sendfile on;\n tcp_nopush on;\n {log}\n"
        f" client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;\n"
        f" fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;\n"
        f"{site}\n}}\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-name", required=True)
    parser.add_argument("--listen", default="80")
    parser.add_argument("--upstream", action="append", required=True, help="host:port of a gunicorn (repeatable)")
    parser.add_argument("--root", required=True, help="the checkout (for the error pages)")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--cache-dir", default="/var/cache/nginx/newsroom")
    parser.add_argument("--purge-allow", action="append", default=[], help="app servers allowed to purge")
    args = parser.parse_args()
    print(
        render(
            server_name=args.server_name,
            listen=args.listen,
            upstreams=args.upstream,
            root=args.root,
            static_root=args.static_root,
            media_root=args.media_root,
            cache_dir=args.cache_dir,
            purge_allow=args.purge_allow,
        )
    )


if __name__ == "__main__":
    main()

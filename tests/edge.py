"""An nginx of the project's own configuration, in front of a test server."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.browser import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")  # = render_nginx.PURGE_MODULE


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_nginx():
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    reason = None
    if nginx is None:
        reason = "nginx is not installed (apt-get install nginx-light libnginx-mod-http-cache-purge)"
    elif not PURGE_MODULE.exists():
        reason = "nginx's cache purge module is not installed (apt-get install libnginx-mod-http-cache-purge)"
    if reason:
        skip_or_fail(reason)
    return nginx


@contextmanager
def nginx_in_front_of(upstream, tmp_path, *, static_root, media_root):
    """Start nginx with deploy/nginx/newsroom.conf proxying to ``upstream``
    (host:port); yield its base URL; stop it by its PID."""
    from render_nginx import render, standalone

    nginx = require_nginx()
    port = free_port()
    prefix = tmp_path / "nginx"
    (prefix / "logs").mkdir(parents=True)
    (prefix / "cache").mkdir()
    site = render(
        server_name="news.example.org 127.0.0.1 localhost",
        listen=f"127.0.0.1:{port}",
        upstreams=[upstream],
        root=ROOT,
        static_root=static_root,
        media_root=media_root,
        cache_dir=prefix / "cache",
    )
    (prefix / "nginx.conf").write_text(standalone(site, prefix))
    process = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url, host="news.example.org"):
    """GET through nginx as an anonymous reader: (status, headers, body)."""
    parts = urllib.parse.urlsplit(url)
    url = parts._replace(path=urllib.parse.quote(parts.path, safe="/%")).geturl()
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def eventually(check, within=5.0):
    """The purge is drained off the request path: the edge must follow within 5 seconds."""
    deadline = time.monotonic() + within
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)

#!/usr/bin/env python3
"""The production stack under load and faults, measured (issue: production).

Runs, on the bench's seeded PostgreSQL (``bench/run.sh`` first), the real stack
of ``deploy/``: gunicorn with ``deploy/gunicorn.conf.py`` behind nginx with
``deploy/nginx/newsroom.conf`` (edge cache and purges on), and measures:

1. 1 000 concurrent readers through nginx for a minute (wrk, 200 rotating
   articles) while an editor saves articles: errors must be zero;
2. PostgreSQL restarted in the middle of load: what readers get during the
   outage (a clean 503 page, never a traceback) and how soon the site is back
   on its own after the database returns, without restarting the app;
3. slow clients (slowloris: hundreds of connections trickling headers) against
   nginx while a reader's requests are timed;
4. an app worker killed (SIGKILL) in the middle of saving: the article is either
   saved whole or not at all, and nothing saved before is lost;
5. the cached article page through nginx against nginx serving the same HTML as
   a plain file, in one run.

Only 127.0.0.1 is loaded; every process started is stopped by its PID.

    python3 deploy/faults.py            # ~5 minutes; prints a markdown report
    python3 deploy/faults.py --only 5   # the edge against a plain file only
"""

import argparse
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "bench" / "var"
PY = str(ROOT / ".venv" / "bin" / "python")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = int(os.environ.get("PG_PORT", 5434))
PGDATA = Path(os.environ.get("PGDATA", VAR / "pgdata"))
DATABASE_URL = os.environ.get(
    "DATABASE_URL", f"postgres://newsroom_bench:newsroom_bench@127.0.0.1:{PG_PORT}/newsroom_bench"
)
HOST = "news.example.org"
sys.path.insert(0, str(ROOT / "deploy"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(*command):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], capture_output=True, text=True, check=False)


def pg_start():
    result = as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(PGDATA), "-l", str(VAR / "postgres.log"),
                         "-o", f"-p {PG_PORT}", "-w", "-t", "60", "start")  # fmt: skip
    return result.returncode == 0


def pg_stop():
    as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(PGDATA), "-m", "fast", "-w", "stop")


def pg_running():
    return as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(PGDATA), "status").returncode == 0


def wait_for(url, seconds=60, host=HOST):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status = get(url, host=host)[0]
            if status < 500:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def get(url, host=HOST, timeout=10):
    parts = urllib.parse.urlsplit(url)
    url = parts._replace(path=urllib.parse.quote(parts.path, safe="/%")).geturl()
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class Stack:
    """gunicorn (deploy/gunicorn.conf.py) behind nginx (deploy/nginx/newsroom.conf)."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.app_port, self.edge_port, self.static_port = free_port(), free_port(), free_port()
        self.edge = f"http://127.0.0.1:{self.edge_port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": DATABASE_URL,
            "SECRET_KEY": "faults-run-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1,localhost",
            "SITE_URL": f"https://{HOST}",
            "SECURE_HTTPS": "0",
            "BEHIND_PROXY": "1",
            "NEWSROOM_TRUSTED_PROXIES": "127.0.0.1,::1",  # nginx, on this machine
            "MEDIA_ROOT": str(VAR / "media"),
            "PRIVATE_MEDIA_ROOT": str(VAR / "media-private"),
            "STATIC_ROOT": str(VAR / "static"),
            "NEWSROOM_EDGE_PURGE_URLS": self.edge,
            "GUNICORN_BIND": f"127.0.0.1:{self.app_port}",
            "GUNICORN_ACCESS_LOG": str(self.workdir / "gunicorn-access.log"),
            "REQUEST_LOG_LEVEL": "WARNING",
            "CONN_MAX_AGE": "60",
        }
        self.processes = []

    def start(self):
        from render_nginx import render, standalone

        subprocess.run([PY, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=self.env, check=True)
        gunicorn = subprocess.Popen(
            [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=open(self.workdir / "gunicorn.log", "w"),  # noqa: SIM115 - lives as long as the server
        )  # fmt: skip
        self.processes.append(gunicorn)
        self.gunicorn = gunicorn
        prefix = self.workdir / "nginx"
        for folder in ("logs", "cache"):
            (prefix / folder).mkdir(parents=True, exist_ok=True)
        (prefix / "html").mkdir(exist_ok=True)
        site = render(
            server_name=f"{HOST} 127.0.0.1", listen=f"127.0.0.1:{self.edge_port}",
            upstreams=[f"127.0.0.1:{self.app_port}"], root=ROOT, static_root=VAR / "static",
            media_root=VAR / "media", cache_dir=prefix / "cache",
        )  # fmt: skip
        static_server = (
            f"server {{ listen 127.0.0.1:{self.static_port}; "
            f"root {prefix / 'html'}; location / {{ try_files $uri =404; }} }}"
        )
        (prefix / "nginx.conf").write_text(
            standalone(f"{site}\n{static_server}", prefix, workers="auto", connections=8192, access_log=False)
        )
        nginx = subprocess.Popen(
            ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=open(self.workdir / "nginx.log", "w"),  # noqa: SIM115
        )  # fmt: skip
        self.processes.append(nginx)
        if not wait_for(f"http://127.0.0.1:{self.app_port}/healthz", 60) or not wait_for(self.edge + "/healthz"):
            raise RuntimeError("the stack did not start; see " + str(self.workdir))

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def worker_pids(self):
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def manage(env, code):
    """Run Django code against the stack's database; return its JSON output."""
    result = subprocess.run(
        [PY, "-c", "import django, json; django.setup()\n" + code], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def wrk(url, *, connections, seconds, threads=2, script=None, timeout="10s"):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", timeout, "--latency",
               "-H", f"Host: {HOST}"]  # fmt: skip
    if script:
        command += ["-s", str(script)]
    result = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    text = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    socket_errors = sum(int(n) for n in errors.groups()) if errors else 0
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else None
    total = int(re.search(r"(\d+) requests in", text).group(1))
    return {"rps": rate, "requests": total, "non_2xx": non_2xx, "socket_errors": socket_errors, "p99_ms": p99_ms}


def rotating_script(paths, workdir):
    script = Path(workdir) / "rotate.lua"
    listing = ",".join(json.dumps(path) for path in paths)
    script.write_text(
        f"local paths = {{{listing}}}\nlocal n = 0\n"
        "request = function()\n  n = n % #paths + 1\n  return wrk.format('GET', paths[n])\nend\n"
    )
    return script


EDITOR_LOOP = """
import random, time
from django.contrib.auth import get_user_model
from articles import services
from articles.models import Article
editor = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
    "faults-editor", "faults@example.org", "x")
ids = list(Article.objects.published().values_list("pk", flat=True)[:500])
saved, failed, deadline = 0, 0, time.monotonic() + SECONDS
while time.monotonic() < deadline:
    article = Article.objects.get(pk=random.choice(ids))
    article.dek = f"Edited under load at {time.time():.0f}"
    try:
        services.article_save(article=article, user=editor)
        saved += 1
    except Exception:
        failed += 1
    time.sleep(0.5)
print(json.dumps({"saved": saved, "failed": failed}))
"""


def scenario_thousand_readers(stack, workdir, paths, seconds=60):
    script = rotating_script(paths, workdir)
    holder = {}
    editor = threading.Thread(
        target=lambda: holder.update(manage(stack.env, EDITOR_LOOP.replace("SECONDS", str(seconds))))
    )
    editor.start()
    result = wrk(stack.edge + paths[0], connections=1000, seconds=seconds, threads=2, script=script)
    editor.join()
    return {**result, **holder}


def scenario_database_restart(stack, paths, outage_seconds=8):
    """Readers on uncached pages (query strings bypass both caches) while the
    database stops and starts again; every answer is recorded."""
    records, stop = [], threading.Event()

    def reader(offset):
        n = offset
        while not stop.is_set():
            n += 1
            path = f"{paths[n % len(paths)]}?reader={n}"
            started = time.monotonic()
            try:
                status, body = get(stack.edge + path, timeout=15)
            except OSError as error:
                status, body = 0, str(error)
            records.append((started, status, "Traceback" in body or "OperationalError" in body))
            time.sleep(0.05)

    threads = [threading.Thread(target=reader, args=(i * 1000,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(5)
    down_at = time.monotonic()
    pg_stop()
    time.sleep(outage_seconds)
    pg_start()
    up_at = time.monotonic()
    time.sleep(15)
    stop.set()
    for thread in threads:
        thread.join()
    during = [r for r in records if down_at <= r[0] < up_at]
    after = sorted(r for r in records if r[0] >= up_at)
    first_good = next((r[0] for r in after if r[1] == 200), None)
    recovered_after = round(first_good - up_at, 2) if first_good else None
    fully = None
    for index, record in enumerate(after):
        if all(r[1] == 200 for r in after[index:]):
            fully = round(record[0] - up_at, 2)
            break
    return {
        "requests during the outage": len(during),
        "statuses during the outage": dict(
            sorted({s: sum(1 for r in during if r[1] == s) for _, s, _ in during}.items())
        ),
        "tracebacks shown": sum(1 for r in records if r[2]),
        "first 200 after the database returned (s)": recovered_after,
        "every answer 200 from (s after return)": fully,
        "requests after": len(after),
    }


def scenario_slowloris(stack, connections=800, seconds=30):
    """Connections that send a header line every few seconds and never finish,
    against nginx; meanwhile a reader's requests are timed."""
    sockets, stop = [], threading.Event()
    for _ in range(connections):
        try:
            conn = socket.create_connection(("127.0.0.1", stack.edge_port), timeout=5)
            conn.send(f"GET /?slow=1 HTTP/1.1\r\nHost: {HOST}\r\n".encode())
            sockets.append(conn)
        except OSError:
            break

    def trickle():
        while not stop.is_set():
            for conn in list(sockets):
                try:
                    conn.send(b"X-Slow: 1\r\n")
                except OSError:
                    sockets.remove(conn)
            stop.wait(3)

    thread = threading.Thread(target=trickle)
    thread.start()
    timings, statuses = [], []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status, _ = get(stack.edge + "/", timeout=10)
        except OSError:
            status = 0
        timings.append((time.monotonic() - started) * 1000)
        statuses.append(status)
        time.sleep(0.1)
    stop.set()
    thread.join()
    still_open = len(sockets)
    for conn in sockets:
        conn.close()
    timings.sort()
    return {
        "slow connections opened": connections,
        "still held by nginx at the end": still_open,
        "reader requests": len(statuses),
        "reader answers 200": sum(1 for s in statuses if s == 200),
        "reader p50 ms": round(timings[len(timings) // 2], 1),
        "reader max ms": round(timings[-1], 1),
    }


KILLED_SAVE = """
from django.contrib.auth import get_user_model
from django.test import Client
from articles.models import Article, Revision
user = get_user_model().objects.filter(is_superuser=True).first()
article = Article.objects.published().order_by("pk").first()
print(json.dumps({"pk": article.pk, "version": article.version, "dek": article.dek, "body_len": len(article.body),
                  "revisions": Revision.objects.filter(article=article).count(),
                  "articles": Article.objects.count(), "user": user.username}))
"""


def scenario_killed_worker(stack):
    """SIGKILL every gunicorn worker while saves are in flight (a slow body to
    render makes each save long), then check each article is whole."""
    before = manage(stack.env, KILLED_SAVE)
    save_code = f"""
import threading, time
from articles import services
from articles.models import Article
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username={before["user"]!r})
article = Article.objects.get(pk={before["pk"]})
article.body = ("긴 문단입니다. " * 4000 + "\\n\\n") * 12  # Markdown and sanitising take a while
article.dek = "killed-save"
print("saving", flush=True)
started = time.monotonic()
services.article_save(article=article, user=user)
print(json.dumps({{"seconds": time.monotonic() - started}}))
"""
    # The save runs in its own process here; what matters is the database
    # transaction: kill the process mid-save, as SIGKILL kills a worker.
    process = subprocess.Popen([PY, "-c", "import django, json; django.setup()\n" + save_code], cwd=ROOT,
                               env=stack.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    process.stdout.readline()  # "saving": the transaction is about to begin
    time.sleep(0.5)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait()
    workers = stack.worker_pids()
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    time.sleep(3)
    after = manage(stack.env, KILLED_SAVE)
    whole = (after["version"] == before["version"] and after["dek"] == before["dek"]) or (
        after["version"] == before["version"] + 1 and after["dek"] == "killed-save"
        and after["revisions"] == before["revisions"] + 1
    )  # fmt: skip
    return {
        "save killed mid-transaction": killed,
        "gunicorn workers killed": len(workers),
        "article afterwards": "unchanged" if after["version"] == before["version"] else "saved whole",
        "article whole (no half save)": whole,
        "articles before / after": f"{before['articles']} / {after['articles']}",
        "site answers after the kill": get(stack.edge + "/healthz")[0],
    }


def scenario_cached_vs_static(stack, single, workdir):
    status, html = get(stack.edge + single)
    assert status == 200
    static_root = Path(workdir) / "nginx" / "html"
    (static_root / "article.html").write_text(html)
    get(stack.edge + single)
    edge = wrk(stack.edge + single, connections=16, seconds=20)
    plain = wrk(f"http://127.0.0.1:{stack.static_port}/article.html", connections=16, seconds=20)
    return {
        "cached article through nginx (req/s)": edge["rps"],
        "same HTML as a file (req/s)": plain["rps"],
        "ratio (goal ≥ 0.95, issue 15)": round(edge["rps"] / plain["rps"], 2),
        "p99 ms (cached / file)": f"{edge['p99_ms']} / {plain['p99_ms']}",
    }


def main():
    parser = argparse.ArgumentParser(description="The production stack under load and faults.")
    parser.add_argument(
        "--only", type=int, action="append", choices=range(1, 6), help="run only scenario N (repeatable)"
    )
    chosen = set(parser.parse_args().only or range(1, 6))
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 1 000 connections need file descriptors
    if not pg_running() and not pg_start():
        sys.exit("The bench's PostgreSQL is not there: run bench/run.sh first (it seeds bench/var).")
    urls = (VAR / "urls" / "urls.txt").read_text().split()
    paths = [urllib.parse.urlsplit(url).path if url.startswith("http") else url for url in urls]
    single = (VAR / "urls" / "single.txt").read_text().strip()
    single = urllib.parse.urlsplit(single).path if single.startswith("http") else single
    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="newsroom-faults-") as workdir:
        stack = Stack(workdir)
        try:
            stack.start()
            for path in paths:  # warm the edge cache
                get(stack.edge + path)
            if 1 in chosen:
                report["1. 1 000 readers for 60 s while an editor saves"] = scenario_thousand_readers(
                    stack, workdir, paths
                )
            if 2 in chosen:
                report["2. PostgreSQL restarted under load"] = scenario_database_restart(stack, paths)
            if 3 in chosen:
                report["3. slow clients (slowloris) against nginx"] = scenario_slowloris(stack)
            if 4 in chosen:
                report["4. a worker killed mid-save"] = scenario_killed_worker(stack)
            if 5 in chosen:
                report["5. cached article through nginx vs a plain file"] = scenario_cached_vs_static(
                    stack, single, workdir
                )
        finally:
            stack.stop()
            if not pg_running():
                pg_start()
    lines = [f"# Load and faults — {report['date']} ({report['cores']} cores)", ""]
    for name, values in report.items():
        if isinstance(values, dict):
            lines += [f"## {name}", "", "| measure | value |", "|---|---|"]
            lines += [f"| {key} | {value} |" for key, value in values.items()]
            lines.append("")
    text = "\n".join(lines)
    out = ROOT / "bench" / "results" / f"faults-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()

"""The InfoStory benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

Loads N stories into a PostgreSQL database of its own, serves the portal with gunicorn
(gunicorn.conf.py, DEBUG off) on 127.0.0.1, drives each page with wrk at several
concurrencies, and writes docs/benchmarks.md: requests/s, p50/p99, non-2xx, queries per
request, the ratio to /healthz, the peak memory of a worker and the memory growth while
the staff CSV export streams every story. Pages that are not in this build (404) are
reported as missing. Every run is bounded in time and aimed at 127.0.0.1 only.

Environment: BENCH_STORIES (100000), BENCH_SECONDS (10), BENCH_CONCURRENCY ("1,8,32"),
BENCH_DATABASE_URL (postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdata),
BENCH_PORT (8765), BENCH_OUTPUT (docs/benchmarks.md), GUNICORN_WORKERS (one per core).
"""

import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anywhere else
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
NOTES = Path(__file__).resolve().parent / "notes.md"  # appended to docs/benchmarks.md

# Targets from issue #8 (at 100,000 stories on two cores).
MIN_RATIO = 0.3  # of /healthz throughput at the same concurrency
P99_AT = 8  # connections at which the p99 target applies
P99_MS = 100
P99_MS_SEARCH = 150
EXPORT_GROWTH_MB = 50
WORKER_MB = 150


@dataclass
class Page:
    name: str
    path: str
    staff: bool = False
    status: int | None = None  # of a single probe through gunicorn
    queries: int | None = None
    cold_queries: int | None = None
    runs: dict = field(default_factory=dict)  # concurrency -> wrk result

    @property
    def missing(self):
        return self.status == 404

    @property
    def usable(self):
        return self.status is not None and 200 <= self.status < 300

    @property
    def p99_target_ms(self):
        return P99_MS_SEARCH if "q=" in self.path else P99_MS


def env_int(name, default):
    return int(os.environ.get(name, default))


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- wrk ---


def parse_wrk(output):
    """The WRK_JSON line printed by wrk_report.lua, with requests/s and milliseconds."""
    match = re.search(r"^WRK_JSON (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise ValueError("wrk printed no WRK_JSON line:\n" + output[-2000:])
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6 or 1e-9
    errors = sum(raw[key] for key in raw if key.startswith("errors_") and key != "errors_status")
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "bytes_per_request": raw["bytes"] / raw["requests"] if raw["requests"] else 0,
        "non2xx": raw["non2xx"],
        "socket_errors": errors,
    }


def run_wrk(url, *, connections, seconds, cookie=None):
    threads = max(1, min(connections, os.cpu_count() or 1))
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(LUA),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    done = subprocess.run(  # noqa: S603 (fixed argv, local URL)
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    return parse_wrk(done.stdout + done.stderr)


# --- targets ---


def flags_for(page, connections, result, healthz_rps):
    """The targets this run misses (an empty list when it meets them all)."""
    if not result["requests"]:
        return ["no response completed within the run"]
    flags = []
    if page.name != "healthz" and healthz_rps:
        ratio = result["rps"] / healthz_rps
        if ratio < MIN_RATIO:
            flags.append(f"rps {ratio:.2f}× healthz < {MIN_RATIO}")
    if connections == P99_AT and result["p99_ms"] > page.p99_target_ms:
        flags.append(f"p99 {result['p99_ms']:.0f} ms > {page.p99_target_ms} ms")
    if result["non2xx"]:
        flags.append(f"{result['non2xx']} non-2xx")
    if result["socket_errors"]:
        flags.append(f"{result['socket_errors']} socket errors/timeouts")
    return flags


# --- processes and memory ---


def proc_status_kb(pid, key):
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def children_of(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if path.exists():
        return [int(child) for child in path.read_text().split()]
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def free_port(preferred):
    for port in [preferred, 0]:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("no free port")


def wait_for(url, *, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch_status(url, cookie=None):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def measure_export(url, cookie, worker_pids):
    """Download the whole export once; the peak RSS growth of any worker meanwhile."""
    before = {pid: proc_status_kb(pid, "VmRSS") or 0 for pid in worker_pids}
    peak = dict(before)
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            for pid in worker_pids:
                peak[pid] = max(peak[pid], proc_status_kb(pid, "VmRSS") or 0)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    size = rows = 0
    status = None
    try:
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        opener = urllib.request.build_opener(NoRedirect)
        with opener.open(request, timeout=600) as response:
            status = response.status
            while chunk := response.read(1 << 16):
                size += len(chunk)
                rows += chunk.count(b"\n")
    except urllib.error.HTTPError as error:
        status = error.code
    finally:
        seconds = time.monotonic() - started
        stop.set()
        sampler.join()
    after = {pid: proc_status_kb(pid, "VmRSS") or 0 for pid in worker_pids}
    return {
        "status": status,
        "seconds": seconds,
        "megabytes": size / 1e6,
        "lines": rows,
        "growth_mb": max((peak[p] - before[p]) / 1024 for p in worker_pids),
        "retained_mb": max((after[p] - before[p]) / 1024 for p in worker_pids),
    }


# --- setup: database, data, user, server ---


def bench_environment(database_url, secret_key):
    return {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "infostory.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        # wrk sends thousands of searches from one address: measure search, not its throttle.
        "INFOSTORY_SEARCH_RATE": "",
    }


def ensure_database(database_url):
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(database_url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or HOST,
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            log(f"creating database {config['NAME']}")
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()


def prepare_data(count):
    from django.core.management import call_command

    from stories.management.commands.load_bench_stories import bench_stories

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    have = bench_stories().count()
    if have == count:
        log(f"{have} bench stories already loaded: not reloading")
    else:
        log(f"loading {count} bench stories (there are {have})")
        call_command("load_bench_stories", count, reset=True)
    # Fresh statistics and visibility map after a bulk load or a table rewrite (migration
    # 0004), so the planner's choices and index-only scans are those of a settled database.
    from django.db import connection

    log("VACUUM ANALYZE of the story tables")
    with connection.cursor() as cursor:
        for table in ("stories_story", "stories_story_themes", "stories_story_barriers",
                      "taggit_taggeditem", "stories_storyevent"):  # fmt: skip
            cursor.execute(f"VACUUM ANALYZE {table}")
    log("collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)


def staff_user():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "first_name": "Bench"}
    )
    user.set_unusable_password()
    user.is_staff = True
    user.save()
    user.groups.add(*Group.objects.filter(name__in=["Engagement managers", "Staff"]))
    return user


def session_cookie(user):
    """A signed-in session made programmatically (SessionStore), as a Cookie header."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string

    store: SessionBase = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(6 * 3600)
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def pages_to_measure():
    from django.db.models import Count, Q

    from stories.models import LocalArea, PolicyTheme, Story

    published = Q(stories__status=Story.Status.PUBLISHED)
    theme = (
        PolicyTheme.objects.active().annotate(n=Count("stories", filter=published)).order_by("-n")
    ).first()
    area = (
        LocalArea.objects.active().annotate(n=Count("stories", filter=published)).order_by("-n")
    ).first()
    story = Story.objects.published().order_by("-published_at").first()
    return [
        Page("home", "/"),
        Page("healthz", "/healthz"),
        Page("list", "/stories/"),
        Page("theme", f"/themes/{theme.slug}/" if theme else "/themes/none/"),
        Page("area", f"/areas/{area.slug}/" if area else "/areas/none/"),
        Page("story", f"/stories/{story.reference}/" if story else "/stories/none/"),
        Page("search", "/stories/?q=discharge"),
        Page("deep page", "/stories/?page=500"),
        Page("insights (staff)", "/insights/", staff=True),
        Page("admin list (staff)", "/admin/stories/story/", staff=True),
    ]


EXPORT = Page("export CSV (staff)", "/stories/export/?format=csv", staff=True)


def count_queries(page, user):
    """Queries for one request, in-process with Django's test Client, warm and cold."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    if page.staff:
        client.force_login(user)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            response.close()
        counts.append(len(captured))
    page.cold_queries, page.queries = counts


def start_gunicorn(environment, port, log_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "infostory.wsgi"]
    env = {
        **os.environ,
        **environment,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_MAX_REQUESTS": "0",  # no recycling: the peak RSS is the honest one
    }
    handle = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )
    return process, handle


# --- the report ---


def cores():
    return len(os.sched_getaffinity(0))


def machine_facts(count, total, load_before):
    import django
    import gunicorn
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    memory = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores (nproc)": str(cores()),
        "memory": f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB" if memory else "?",
        "CPU": model.group(1).strip() if model else platform.processor() or "?",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "gunicorn": gunicorn.__version__,
        "wrk": (wrk.stdout + wrk.stderr).splitlines()[0] if (wrk.stdout + wrk.stderr) else "?",
        "stories (bench / all)": f"{count:,} / {total:,}",
        "load average (1 min) before / after": (
            f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"
            + (" (busy: other work shared the CPU)" if load_before > 0.5 * cores() else "")
        ),
    }


def render(facts, pages, export, workers, config, seconds, concurrencies):
    healthz = next(page for page in pages if page.name == "healthz")
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand. Each page is driven by",
        f"[wrk](https://github.com/wg/wrk) for {seconds} s per concurrency against gunicorn",
        "(gunicorn.conf.py, `DJANGO_DEBUG` off) on 127.0.0.1, with the load generator on the",
        "same machine (it takes CPU from the server: real figures behind a balancer are higher).",
        "Queries are per request, counted in-process with Django's test Client (warm; cold in",
        "brackets when it differs). *× healthz* is the page's throughput over the `/healthz`",
        "floor (one `SELECT 1`) at the same concurrency.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in facts.items()],
        f"| gunicorn | {config} |",
        "",
        "## Pages",
        "",
        "| page | path | conns | req/s | × healthz | p50 ms | p99 ms | non-2xx | queries "
        "| KB | targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in pages:
        if not page.usable:
            why = "missing (404: not in this build)" if page.missing else f"HTTP {page.status}"
            lines.append(f"| {page.name} | `{page.path}` | | | | | | | | | {why} |")
            continue
        queries = "" if page.queries is None else str(page.queries)
        if page.cold_queries is not None and page.cold_queries != page.queries:
            queries += f" ({page.cold_queries})"
        for connections in concurrencies:
            result = page.runs.get(connections)
            if result is None:
                continue
            floor = healthz.runs.get(connections, {}).get("rps")
            ratio = f"{result['rps'] / floor:.2f}" if floor else ""
            flags = flags_for(page, connections, result, floor)
            lines.append(
                f"| {page.name} | `{page.path}` | {connections} | {result['rps']:.0f} | {ratio} "
                f"| {result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {result['non2xx']} "
                f"| {queries} | {result['bytes_per_request'] / 1024:.1f} "
                f"| {'; '.join(flags) or 'ok'} |"
            )
    lines += ["", "## Memory", ""]
    if export is None or export.get("status") == 404:
        lines.append(f"- Export `{EXPORT.path}`: missing (404: not in this build).")
    elif export.get("status") != 200:
        lines.append(f"- Export `{EXPORT.path}`: HTTP {export.get('status')}.")
    else:
        verdict = "ok" if export["growth_mb"] < EXPORT_GROWTH_MB else "OVER TARGET"
        lines.append(
            f"- Export `{EXPORT.path}` of every story: {export['megabytes']:.1f} MB, "
            f"{export['lines']:,} lines in {export['seconds']:.1f} s; worker RSS growth "
            f"{export['growth_mb']:.1f} MB at the peak, {export['retained_mb']:.1f} MB after "
            f"(target < {EXPORT_GROWTH_MB} MB: {verdict}); {EXPORT.queries} queries."
        )
    for pid, (hwm, rss) in sorted(workers.items()):
        verdict = "ok" if hwm / 1024 < WORKER_MB else "OVER TARGET"
        lines.append(
            f"- Worker {pid}: peak RSS (VmHWM) {hwm / 1024:.1f} MB, now {rss / 1024:.1f} MB "
            f"(target < {WORKER_MB} MB: {verdict})."
        )
    lines += [
        "",
        "## Targets",
        "",
        f"Every page at least {MIN_RATIO} of the `/healthz` throughput; p99 at most {P99_MS} ms "
        f"at {P99_AT} connections (search {P99_MS_SEARCH} ms); the export streams with under "
        f"{EXPORT_GROWTH_MB} MB of growth; a worker stays under {WORKER_MB} MB. The *targets* "
        "column names each one a run misses. Workers are not recycled during the run "
        "(max_requests 0), so the peak RSS is the one a worker reaches after every page.",
        "",
    ]
    if NOTES.exists():  # hand-written: what keeps the pages fast, and what stands in the way
        lines += [NOTES.read_text().rstrip(), ""]
    return "\n".join(lines)


# --- main ---


def main():
    count = env_int("BENCH_STORIES", 100_000)
    seconds = env_int("BENCH_SECONDS", 10)
    concurrencies = [int(c) for c in os.environ.get("BENCH_CONCURRENCY", "1,8,32").split(",")]
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdata"
    )
    output = Path(os.environ.get("BENCH_OUTPUT", ROOT / "docs" / "benchmarks.md"))
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (make bench does it).")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("BENCH_DATABASE_URL must name a PostgreSQL database.")

    environment = bench_environment(database_url, secrets.token_urlsafe(50))
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    ensure_database(database_url)

    import django

    django.setup()
    from django.db import connection

    from stories.management.commands.load_bench_stories import bench_stories
    from stories.models import Story

    prepare_data(count)
    user = staff_user()
    cookie = session_cookie(user)
    pages = pages_to_measure()

    load_before = os.getloadavg()[0]
    port = free_port(env_int("BENCH_PORT", 8765))
    base = f"http://{HOST}:{port}"
    log_path = Path(os.environ.get("BENCH_LOG", "/tmp/infostory-bench-gunicorn.log"))  # noqa: S108
    log(f"starting gunicorn on {base} (log: {log_path})")
    connection.close()
    process, handle = start_gunicorn(environment, port, log_path)
    try:
        wait_for(base + "/healthz")
        time.sleep(1)  # let every worker boot
        worker_pids = children_of(process.pid)
        log(f"gunicorn workers: {worker_pids}")

        for page in pages:
            page.status = fetch_status(base + page.path, cookie if page.staff else None)
            fetch_status(base + page.path, cookie if page.staff else None)  # warm both workers
            log(f"{page.name} {page.path}: HTTP {page.status}")
            if page.usable:
                count_queries(page, user)

        log(f"export {EXPORT.path}: downloading every story once")
        export = measure_export(base + EXPORT.path, cookie, worker_pids)
        EXPORT.status = export["status"]
        if EXPORT.usable:
            count_queries(EXPORT, user)
        log(f"export: {export}")

        for page in pages:
            if not page.usable:
                continue
            for connections in concurrencies:
                result = run_wrk(
                    base + page.path,
                    connections=connections,
                    seconds=seconds,
                    cookie=cookie if page.staff else None,
                )
                page.runs[connections] = result
                log(
                    f"{page.name:<20} c={connections:<3} {result['rps']:8.0f} req/s  "
                    f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
                    f"non-2xx {result['non2xx']}"
                )
        workers = {
            pid: (proc_status_kb(pid, "VmHWM") or 0, proc_status_kb(pid, "VmRSS") or 0)
            for pid in children_of(process.pid)
        }
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        handle.close()

    config = (
        f"{os.environ.get('GUNICORN_WORKERS', cores())} workers × "
        f"{os.environ.get('GUNICORN_THREADS', 4)} threads "
        f"({os.environ.get('GUNICORN_WORKER_CLASS', 'gthread')}), max_requests 0 for the run"
    )
    facts = machine_facts(bench_stories().count(), Story.objects.count(), load_before)
    report = render(facts, pages, export, workers, config, seconds, concurrencies)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report)
    print(report)
    log(f"written to {output}")


if __name__ == "__main__":
    main()

"""The InfoStory benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

Loads N stories (bench/loader.py: a corpus whose words follow a Zipf-like frequency)
into a PostgreSQL database of its own, serves the portal with gunicorn (gunicorn.conf.py,
DEBUG off) on 127.0.0.1 and drives each kind of traffic (bench/traffic.py) with wrk at 8
connections: a *fixed* address asked again and again, and *varied* traffic where every
request draws its path at random (bench/varied.lua): any story, searches from the
vocabulary, pages across the whole list, filter mixes, and the signed-in pages with a real
session. The whole table runs twice: with each worker's memory cache, then with Redis
(REDIS_URL) as production runs. Each figure is compared with /healthz measured in the same
pass. Writes docs/benchmarks.md. Every run is bounded in time and aimed at 127.0.0.1 only.

Environment: BENCH_STORIES (100000), BENCH_SECONDS (10 a row), BENCH_CONNECTIONS (8),
BENCH_DATABASE_URL (postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdata),
BENCH_REDIS_URL (redis://127.0.0.1:6379/13; "" skips the Redis pass), BENCH_PORT (8765),
BENCH_OUTPUT (docs/benchmarks.md), BENCH_ONLY (comma-separated traffic names),
BENCH_PROFILE=1 (then run bench/profile_pages.py), GUNICORN_WORKERS (one per core).
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
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # never anywhere else
REPORT_LUA = HERE / "wrk_report.lua"
VARIED_LUA = HERE / "varied.lua"
WORK = HERE / "work"  # the varied paths wrk reads (gitignored)
NOTES = HERE / "notes.md"  # appended to docs/benchmarks.md

EXPORT_PATH = "/stories/export/?format=csv"
EXPORT_GROWTH_MB = 50
WORKER_MB = 150
SCAN_TARGET_MS = 20


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
    socket_errors = sum(
        raw[key] for key in raw if key.startswith("errors_") and key != "errors_status"
    )
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "bytes_per_request": raw["bytes"] / raw["requests"] if raw["requests"] else 0,
        "bad_status": raw["bad_status"],
        "socket_errors": socket_errors,
        "errors": raw["bad_status"] + socket_errors,
    }


def run_wrk(url, *, connections, seconds, cookie=None, paths_file=None):
    """One bounded wrk run: the fixed url, or (paths_file) a path drawn per request."""
    threads = max(1, min(connections, os.cpu_count() or 1))
    script = VARIED_LUA if paths_file else REPORT_LUA
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["--latency", "-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    env = {**os.environ, "BENCH_PATHS": str(paths_file or "")}
    done = subprocess.run(  # noqa: S603 (fixed argv, local URL)
        command, capture_output=True, text=True, timeout=seconds + 60, check=False, env=env
    )
    return parse_wrk(done.stdout + done.stderr)


# --- targets ---


def flags_for(traffic, result, healthz_rps):
    """The targets this run misses (an empty list when it meets them all)."""
    if not result["requests"]:
        return ["no response completed within the run"]
    flags = []
    if traffic.target and healthz_rps:
        minimum, p99 = traffic.target
        ratio = result["rps"] / healthz_rps
        if ratio < minimum:
            flags.append(f"{ratio:.3f}× < {minimum}×")
        if p99 is not None and result["p99_ms"] > p99:
            flags.append(f"p99 {result['p99_ms']:.0f} > {p99} ms")
    if result["bad_status"]:
        flags.append(f"ERRORS: {result['bad_status']} responses ≥ 400")
    if result["socket_errors"]:
        flags.append(f"ERRORS: {result['socket_errors']} socket errors/timeouts")
    return flags


def target_text(target):
    if not target:
        return ""
    minimum, p99 = target
    return f"≥ {minimum}×" + (f", p99 ≤ {p99} ms" if p99 else "")


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


def corpus_is_current(count):
    """The database holds `count` bench stories written with this corpus (its vocabulary)."""
    from bench.corpus import CORPUS
    from bench.loader import bench_stories

    stories = bench_stories()
    if stories.count() != count:
        return False
    return not count or stories.filter(what_happened__contains=f"({CORPUS})").exists()


def prepare_data(count):
    from django.core.management import call_command
    from django.db import connection

    from bench.loader import bench_changes, load_changes, load_stories

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    if corpus_is_current(count):
        log(f"{count} bench stories of this corpus already loaded: not reloading")
    else:
        log(f"loading {count} bench stories")
        load_stories(count, reset=True)
    changes = env_int("BENCH_CHANGES", 1000)
    if (
        bench_changes().count() == changes
        and bench_changes().filter(evidence__isnull=False).exists()
    ):
        log(f"{changes} bench changes already loaded: not reloading")
    else:
        log(f"loading {changes} bench changes")
        load_changes(changes, reset=True, log=log)
    # Fresh statistics and visibility map after a bulk load, so the planner's choices and
    # index-only scans are those of a settled database.
    log("VACUUM ANALYZE of the story tables")
    with connection.cursor() as cursor:
        for table in ("stories_story", "stories_story_themes", "stories_story_barriers",
                      "taggit_taggeditem", "stories_storyevent", "changes_change",
                      "changes_changeevidence", "changes_changeupdate"):  # fmt: skip
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


def second_factor(user):
    """The bench user's authenticator app: with DEBUG off staff pages need a verified
    second factor (INFOSTORY_REQUIRE_2FA), so the signed-in rows measure the real pages,
    not the sign-in redirect."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    return device


def session_cookie(user):
    """A signed-in session made programmatically (SessionStore), as a Cookie header."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY

    store: SessionBase = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = second_factor(user).persistent_id
    store.set_expiry(6 * 3600)
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def count_queries(traffic, user):
    """Queries for one request to the fixed address, in-process, cold then warm."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    if traffic.staff:
        from django_otp import DEVICE_ID_SESSION_KEY

        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = second_factor(user).persistent_id
        session.save()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(traffic.fixed)
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            response.close()
        counts.append(len(captured))
    traffic.cold_queries, traffic.queries = counts


def write_paths(traffic):
    WORK.mkdir(exist_ok=True)
    path = WORK / f"{traffic.slug}.txt"
    path.write_text("\n".join(traffic.varied) + "\n")
    return path


def empty_redis_database(url):
    """Empty the bench's own Redis database (its number in the URL), so a pass starts cold."""
    import redis

    redis.Redis.from_url(url).flushdb()


def scan_speed_row():
    """bench/scan_speed.py's measure(), when that file is in this build."""
    if not (HERE / "scan_speed.py").exists():
        return None
    sys.path.insert(0, str(HERE))
    try:
        import scan_speed

        return scan_speed.measure()
    except Exception as error:  # noqa: BLE001 (reported in the table, never hides the rest)
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        sys.path.remove(str(HERE))


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


def load_fact(at_start, before, after):
    """The 1-minute load averages, and "busy" when other work was running as the bench
    started: the loads before and after the traffic include the bench's own loading,
    server and load generator, so they cannot tell."""
    busy = at_start > 0.5 * cores()
    return f"{at_start:.1f} / {before:.1f} / {after:.1f}" + (
        " (busy: other work was running when the bench started)" if busy else ""
    )


def machine_facts(count, total, loads):
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
    version = ["redis-server", "--version"]
    redis = subprocess.run(version, capture_output=True, text=True, check=False)  # noqa: S603
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores (nproc)": str(cores()),
        "memory": f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB" if memory else "?",
        "CPU": model.group(1).strip() if model else platform.processor() or "?",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "Redis": redis.stdout.split()[2].removeprefix("v=") if redis.stdout else "not installed",
        "gunicorn": gunicorn.__version__,
        "wrk": (wrk.stdout + wrk.stderr).splitlines()[0] if (wrk.stdout + wrk.stderr) else "?",
        "stories (bench / all)": f"{count:,} / {total:,}",
        "load average (1 min) at start / before the traffic / after": load_fact(*loads),
    }


def cells(traffic, name, mode, floor):
    """req/s, × healthz, p50, p99, errors and the missed targets of one run, as cells."""
    result = traffic.results.get((name, mode))
    if result is None:
        return ["", "", "", "", ""], []
    ratio = result["rps"] / floor if floor else 0
    flags = flags_for(traffic, result, floor)
    errors = str(result["errors"]) + (" ⚠" if result["errors"] else "")
    return [
        f"{result['rps']:.0f}",
        f"{ratio:.2f}",
        f"{result['p50_ms']:.1f}",
        f"{result['p99_ms']:.0f}",
        errors,
    ], flags


def why_not_measured(traffic, mode):
    status = traffic.status if mode == "fixed" else traffic.varied_status
    if mode == "varied" and not traffic.varied:
        return "—"
    if mode == "fixed" and not traffic.fixed:
        return "—"
    if status == 404:
        return "not in this build (404)"
    return f"HTTP {status}" if status is not None else "not probed"


def pass_table(name, traffics, floor):
    lines = [
        "| traffic | target | fixed address | req/s | × | p50 | p99 | err "
        "| varied req/s | × | p50 | p99 | err | verdict |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | --- |",
    ]
    for traffic in traffics:
        row = [traffic.name + (" 🔒" if traffic.staff else ""), target_text(traffic.target)]
        row.append(f"`{traffic.fixed}`" if traffic.fixed else "")
        verdict = []
        for mode in ("fixed", "varied"):
            values, flags = cells(traffic, name, mode, floor)
            if (name, mode) not in traffic.results:
                values = [why_not_measured(traffic, mode), "", "", "", ""]
            row += values
            verdict += [f"{mode}: {flag}" for flag in flags]
        measured = any((name, mode) in traffic.results for mode in ("fixed", "varied"))
        if not measured:
            row.append("skipped: the route is not in this build" if traffic.optional else "—")
        else:
            row.append("; ".join(verdict) or ("ok" if traffic.target else ""))
        lines.append("| " + " | ".join(row) + " |")
    return lines


def scan_lines(scan):
    if scan is None:
        return ["- Personal-data scan: bench/scan_speed.py is not in this build."]
    if isinstance(scan, dict) and "error" in scan:
        return [f"- Personal-data scan: measure() failed: {scan['error']} ⚠"]
    if isinstance(scan, int | float):
        verdict = "ok" if scan < SCAN_TARGET_MS else "OVER TARGET"
        return [
            f"- Personal-data scan of a 5,000-character story: {scan:.1f} ms "
            f"(target < {SCAN_TARGET_MS} ms: {verdict})."
        ]
    if isinstance(scan, dict):
        ms = next((scan[k] for k in ("ms_median", "ms", "median_ms", "p50_ms") if k in scan), None)
        verdict = (
            ""
            if ms is None
            else f" (target < {SCAN_TARGET_MS} ms: "
            + ("ok)" if ms < SCAN_TARGET_MS else "OVER TARGET)")
        )
        detail = ", ".join(f"{k} {v}" for k, v in scan.items())
        return [f"- Personal-data scan of a 5,000-character story: {detail}{verdict}."]
    return [f"- Personal-data scan: {scan}"]


def render(facts, traffics, floors, export, workers, config, seconds, connections, scan):
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand. Each row is driven by",
        f"[wrk](https://github.com/wg/wrk) for {seconds} s at {connections} connections against",
        "gunicorn (gunicorn.conf.py, `DJANGO_DEBUG` off) on 127.0.0.1, with the load generator",
        "on the same machine (it takes CPU from the server: real figures behind a balancer are",
        "higher). *×* is the row's throughput over the `/healthz` floor (one `SELECT 1`)",
        "measured in the same pass (the mean of a run before and a run after the rows; each row",
        "starts once the server has finished what the row before left queued). p50 and",
        "p99 are in milliseconds; *err* counts responses ≥ 400 and socket errors or timeouts",
        "(⚠ marks a row with any). 🔒 marks the signed-in pages, requested with a real session",
        "cookie; they are never cached. The whole table runs twice: first with each worker's",
        "own memory cache, then with Redis (`REDIS_URL`) shared by the workers, as production",
        "runs. The *verdict* names each target a row misses.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in facts.items()],
        f"| gunicorn | {config} |",
        "",
        "## What each traffic means",
        "",
        "- **Fixed**: the one address in the table, asked again and again. For readers that is",
        "  what the whole-page cache is best at: after the first request it answers from memory.",
        "- **Varied**: every request draws its path at random (bench/varied.lua) from a list",
        "  made by bench/traffic.py from the bench database and the corpus's vocabulary, so",
        "  readers' requests are mostly first requests for their address (a cache miss).",
        "- The corpus (bench/corpus.py): each story's text has 40–120 words drawn from a",
        "  4,000-word vocabulary with frequency ∝ 1/rank, the campaign's words first (consent,",
        "  discharge, safeguarding, carer, school, police…): the top words are in most stories,",
        "  a word of rank 1,000 in about one story in a hundred, the rarest in a few hundred.",
        "",
        "| traffic | varied: what each request asks for |",
        "| --- | --- |",
        *[f"| {t.name}{' 🔒' if t.staff else ''} | {t.means} |" for t in traffics],
        "",
    ]
    for name, pass_floors in floors.items():
        floor = floor_of(pass_floors)
        title = {
            "memory cache": "Without Redis (each worker's memory cache)",
            "Redis": "With Redis (`REDIS_URL`, shared by the workers)",
        }.get(name, name)
        lines += [
            f"## {title}",
            "",
            f"/healthz floor: {floor:.0f} req/s (before {pass_floors[0]:.0f}, after "
            f"{pass_floors[-1]:.0f}).",
            "",
            *pass_table(name, traffics, floor),
            "",
        ]
    lines += ["## Queries per request (fixed address, in-process)", ""]
    lines.append(
        ", ".join(
            f"{t.name} {t.queries}"
            + (f" ({t.cold_queries} cold)" if t.cold_queries not in (None, t.queries) else "")
            for t in traffics
            if t.queries is not None
        )
        + "."
    )
    lines += ["", "## Memory and the personal-data scan", ""]
    if export is None or export.get("status") == 404:
        lines.append(f"- Export `{EXPORT_PATH}`: not in this build (404).")
    elif export.get("status") != 200:
        lines.append(f"- Export `{EXPORT_PATH}`: HTTP {export.get('status')} ⚠.")
    else:
        verdict = "ok" if export["growth_mb"] < EXPORT_GROWTH_MB else "OVER TARGET"
        lines.append(
            f"- Export `{EXPORT_PATH}` of every story: {export['megabytes']:.1f} MB, "
            f"{export['lines']:,} lines in {export['seconds']:.1f} s; worker RSS growth "
            f"{export['growth_mb']:.1f} MB at the peak, {export['retained_mb']:.1f} MB after "
            f"(target < {EXPORT_GROWTH_MB} MB: {verdict})."
        )
    for pid, (hwm, rss) in sorted(workers.items()):
        verdict = "ok" if hwm / 1024 < WORKER_MB else "OVER TARGET"
        lines.append(
            f"- Worker {pid} (first pass): peak RSS (VmHWM) {hwm / 1024:.1f} MB, now "
            f"{rss / 1024:.1f} MB (target < {WORKER_MB} MB: {verdict})."
        )
    lines += scan_lines(scan)
    lines += [
        "",
        "## Profiles",
        "",
        "`make bench-profile` runs each traffic's varied requests in-process through Django's",
        "test Client under cProfile on the bench database and writes bench/profiles/*.txt: the",
        "mean time and SQL time per request, the slowest statements, and the functions by",
        "cumulative time.",
        "",
    ]
    if NOTES.exists():  # hand-written: what keeps the pages fast, and what stands in the way
        lines += [NOTES.read_text().rstrip(), ""]
    return "\n".join(lines)


# --- one pass: gunicorn up, every traffic through wrk, gunicorn down ---


def measure_pass(name, traffics, *, environment, cookie, user, seconds, connections, first):
    """Start gunicorn with `environment`, run every traffic (fixed, then varied), stop it.

    The first pass also probes each route, counts queries and measures the export and
    the workers' memory. Returns (healthz floor, export, workers).
    """
    port = free_port(env_int("BENCH_PORT", 8765))
    base = f"http://{HOST}:{port}"
    logs = Path(os.environ.get("BENCH_LOG_DIR", "/tmp"))  # noqa: S108
    log_path = logs / f"infostory-bench-{name.replace(' ', '-')}.log"
    log(f"[{name}] starting gunicorn on {base} (log: {log_path})")
    process, handle = start_gunicorn(environment, port, log_path)
    export, workers, floors = None, {}, []
    try:
        wait_for(base + "/healthz")
        time.sleep(1)  # let every worker boot
        worker_pids = children_of(process.pid)
        for traffic in traffics:
            jar = cookie if traffic.staff else None
            if first:
                if traffic.fixed:
                    traffic.status = fetch_status(base + traffic.fixed, jar)
                if traffic.varied:
                    traffic.varied_status = fetch_status(base + traffic.varied[0], jar)
                log(f"{traffic.name}: HTTP {traffic.status} (varied {traffic.varied_status})")
                if traffic.staff and 300 <= (traffic.status or 0) < 400:
                    raise SystemExit(
                        f"{traffic.name} answers the signed-in bench user with a redirect "
                        f"(HTTP {traffic.status}): its session is not signed in as staff."
                    )
                if usable(traffic.status):
                    count_queries(traffic, user)
        if first:
            log(f"export {EXPORT_PATH}: downloading every story once")
            export = measure_export(base + EXPORT_PATH, cookie, worker_pids)
            log(f"export: {export}")

        def run(traffic, mode):
            jar = cookie if traffic.staff else None
            waited = settle(base)
            if waited > 2:
                log(f"[{name}] waited {waited:.0f} s for the last row's requests to finish")
            if mode == "fixed":
                result = run_wrk(
                    base + traffic.fixed, connections=connections, seconds=seconds, cookie=jar
                )
            else:
                result = run_wrk(
                    base + "/",
                    connections=connections,
                    seconds=seconds,
                    cookie=jar,
                    paths_file=write_paths(traffic),
                )
            traffic.results[name, mode] = result
            log(
                f"[{name}] {traffic.name:<28} {mode:<6} {result['rps']:8.0f} req/s  "
                f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
                f"errors {result['errors']}"
            )
            return result

        healthz = next(t for t in traffics if t.name == "healthz")
        floors.append(run(healthz, "fixed")["rps"])
        for traffic in traffics:
            if traffic is healthz:
                continue
            if traffic.fixed and usable(traffic.status):
                run(traffic, "fixed")
            if traffic.varied and usable(traffic.varied_status):
                run(traffic, "varied")
        # The floor again at the end: the machine's load changes during a pass.
        floors.append(
            run_wrk(base + healthz.fixed, connections=connections, seconds=seconds)["rps"]
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
    return floors, export, workers


def settle(base, *, quick_ms=250, most_seconds=60):
    """Wait until the server has finished what the last row left queued (requests wrk gave
    up on are still being answered) so each row starts on an idle server: three /healthz
    answers in a row each under quick_ms. Returns the seconds waited."""
    started = time.monotonic()
    quick = 0
    while quick < 3 and time.monotonic() - started < most_seconds:
        asked = time.monotonic()
        ok = fetch_status(base + "/healthz") == 200
        quick = quick + 1 if ok and (time.monotonic() - asked) * 1000 < quick_ms else 0
        if not quick:
            time.sleep(0.5)
    return time.monotonic() - started


def floor_of(runs):
    """The /healthz floor of a pass: the mean of its runs that completed any request."""
    done = [rps for rps in runs if rps]
    return sum(done) / len(done) if done else 0


def usable(status):
    return status is not None and 200 <= status < 400


def main():
    count = env_int("BENCH_STORIES", 100_000)
    seconds = env_int("BENCH_SECONDS", 10)
    connections = env_int("BENCH_CONNECTIONS", 8)
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdata"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    only = {n.strip() for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
    output = Path(os.environ.get("BENCH_OUTPUT", ROOT / "docs" / "benchmarks.md"))
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (make bench does it).")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("BENCH_DATABASE_URL must name a PostgreSQL database.")

    environment = bench_environment(database_url, secrets.token_urlsafe(50))
    os.environ.update(environment)
    os.environ.pop("REDIS_URL", None)  # the first pass: each worker's own memory cache
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    load_at_start = os.getloadavg()[0]
    ensure_database(database_url)
    started = time.monotonic()

    import django

    django.setup()
    from django.db import connection

    from bench import traffic as traffic_module
    from bench.loader import bench_stories
    from stories.models import Story

    prepare_data(count)
    user = staff_user()
    cookie = session_cookie(user)  # a database session: valid with and without Redis
    traffics = traffic_module.build()
    if only:
        traffics = [t for t in traffics if t.name in only or t.name == "healthz"]
    scan = scan_speed_row()
    connection.close()

    load_before = os.getloadavg()[0]
    passes = [("memory cache", environment)]
    if redis_url:
        passes.append(("Redis", {**environment, "REDIS_URL": redis_url}))
    floors, export, workers = {}, None, {}
    for index, (name, pass_environment) in enumerate(passes):
        if "REDIS_URL" in pass_environment:
            empty_redis_database(redis_url)
        floors[name], pass_export, pass_workers = measure_pass(
            name,
            traffics,
            environment=pass_environment,
            cookie=cookie,
            user=user,
            seconds=seconds,
            connections=connections,
            first=index == 0,
        )
        if index == 0:
            export, workers = pass_export, pass_workers
    load_after = os.getloadavg()[0]

    config = (
        f"{os.environ.get('GUNICORN_WORKERS', cores())} workers × "
        f"{os.environ.get('GUNICORN_THREADS', 4)} threads "
        f"({os.environ.get('GUNICORN_WORKER_CLASS', 'gthread')}), max_requests 0 for the run"
    )
    loads = (load_at_start, load_before, load_after)
    facts = machine_facts(bench_stories().count(), Story.objects.count(), loads)
    facts["bench time"] = f"{(time.monotonic() - started) / 60:.1f} min"
    report = render(facts, traffics, floors, export, workers, config, seconds, connections, scan)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report)
    print(report)
    log(f"written to {output}")
    if os.environ.get("BENCH_PROFILE"):
        subprocess.run([sys.executable, str(HERE / "profile_pages.py")], check=True)  # noqa: S603


if __name__ == "__main__":
    main()

"""Where each page spends its time: `make bench-profile` (or BENCH_PROFILE=1 make bench).

For each kind of traffic (bench/traffic.py) it runs N of its varied requests (the fixed
address when it has none) in-process through Django's test Client, signed in for the staff
pages, under cProfile, on the bench database (`make bench` loads it first). Each
bench/profiles/<traffic>.txt says the mean time and SQL time per request, the slowest SQL
statements, and the top functions by cumulative and by own time. Readers' pages are
profiled without the whole-page cache (each request is a first request for its address,
as in varied traffic, while what pages share stays warm), so the profile shows the work a
cache miss does.

Environment: BENCH_DATABASE_URL (as bench/run.py), BENCH_PROFILE_REQUESTS (20),
BENCH_ONLY (comma-separated traffic names).
"""

import cProfile
import io
import os
import pstats
import random
import re
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "profiles"
TOP = 30


def drop_page(path):
    """Forget the whole cached page at path only (its key, as the page cache makes it):
    what pages share and a run keeps warm (the filter menus' lists, the insights index's
    generation) stays, as in varied traffic."""
    from django.core.cache import cache
    from django.test import RequestFactory

    from stories.caching import _page_key

    key = _page_key(RequestFactory(HTTP_HOST="127.0.0.1").get(path))
    cache.delete_many([key, f"{key}:refreshing"])


def signed_in(client, user):
    """Sign the client in with the second factor verified (as bench/run.py's session), so
    that with DEBUG off the staff pages are profiled, not the sign-in redirect."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from bench.run import second_factor

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = second_factor(user).persistent_id
    session.save()


def profile_one(traffic, user, requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if traffic.staff:
        signed_in(client, user)
    paths = traffic.varied or [traffic.fixed]
    paths = random.Random(1).sample(paths, min(requests, len(paths)))
    while len(paths) < requests:
        paths += paths[: requests - len(paths)]
    client.get(paths[0])  # warm imports and templates: profile the steady state
    profiler = cProfile.Profile()
    statuses = {}
    elapsed = 0.0
    statements = []
    for path in paths:
        drop_page(path)  # a first request for its address, as varied traffic makes it
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            profiler.enable()
            response = client.get(path)
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            profiler.disable()
            elapsed += time.perf_counter() - started
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        statements += [(float(q["time"]), q["sql"], path) for q in captured.captured_queries]
    n = len(paths)
    sql_seconds = sum(t for t, _sql, _path in statements)
    out = io.StringIO()
    out.write(
        f"# {traffic.name}{' (signed in)' if traffic.staff else ''}\n"
        f"{n} requests ({'varied' if traffic.varied else 'fixed'}), statuses {statuses}\n"
        f"mean {elapsed / n * 1000:.1f} ms a request (under cProfile), of which SQL "
        f"{sql_seconds / n * 1000:.1f} ms in {len(statements) / n:.1f} queries\n"
        f"e.g. {paths[0]}\n\n## SQL by statement (values blanked), most time first\n"
    )
    shapes = {}
    for seconds, sql, _path in statements:
        shape = re.sub(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", "?", sql)
        total, count, slowest = shapes.get(shape, (0.0, 0, 0.0))
        shapes[shape] = (total + seconds, count + 1, max(slowest, seconds))
    ranked = sorted(shapes.items(), key=lambda item: -item[1][0])
    for shape, (total, count, slowest) in ranked[:6]:
        out.write(
            f"- {total / n * 1000:.1f} ms a request ({count} runs, slowest "
            f"{slowest * 1000:.0f} ms): {shape[:600]}\n"
        )
    stats = pstats.Stats(profiler, stream=out)
    out.write(f"\n## The project's own functions by cumulative time (top {TOP})\n")
    stats.sort_stats("cumulative").print_stats(rf"{re.escape(str(ROOT))}/(?!\.venv)", TOP)
    stats.strip_dirs()
    out.write(f"\n## Every function by own time (top {TOP})\n")
    stats.sort_stats("tottime").print_stats(TOP)
    return out.getvalue(), elapsed / n * 1000, sql_seconds / n * 1000


def main():
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from bench.run import bench_environment

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdata"
    )
    os.environ.update(bench_environment(database_url, secrets.token_urlsafe(50)))
    os.environ.pop("REDIS_URL", None)
    requests = int(os.environ.get("BENCH_PROFILE_REQUESTS", 20))
    only = {n.strip() for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}

    import django

    django.setup()
    from bench import traffic as traffic_module
    from bench.loader import bench_stories
    from bench.run import staff_user

    if not bench_stories().exists():
        sys.exit("No bench stories in the bench database: run `make bench` first.")
    user = staff_user()
    OUT.mkdir(exist_ok=True)
    summary = []
    for traffic in traffic_module.build():
        if traffic.name == "healthz" or (only and traffic.name not in only):
            continue
        from django.test import Client

        probe = Client(HTTP_HOST="127.0.0.1")
        if traffic.staff:
            signed_in(probe, user)
        if probe.get(traffic.fixed or traffic.varied[0]).status_code == 404:
            print(f"{traffic.name}: not in this build (404), not profiled", flush=True)
            continue
        text, mean_ms, sql_ms = profile_one(traffic, user, requests)
        (OUT / f"{traffic.slug}.txt").write_text(text)
        line = f"{traffic.name:<28} {mean_ms:8.1f} ms a request, SQL {sql_ms:7.1f} ms"
        summary.append(line)
        print(line, flush=True)
    (OUT / "summary.txt").write_text(
        "Mean per request under cProfile, in-process, cache cleared before each request\n"
        + "\n".join(summary)
        + "\n"
    )


if __name__ == "__main__":
    main()

"""Beyond one machine: two gunicorn instances, one PostgreSQL, one Redis, no story lost.

Each submission GETs /share/ from one instance and POSTs it to the other, then reads
"check your answers" from the first and sends it to the other, as a load balancer
without sticky sessions would, so the CSRF token, any anti-double-submit token
and the signed timestamp must hold across nodes. The test asserts that exactly N new
stories are stored and that no response was a 5xx.

Size: INFOSTORY_LOAD_SUBMISSIONS (default 200) from INFOSTORY_LOAD_CLIENTS (default 16)
concurrent clients; the full-size run is 1000. PostgreSQL only (SQLite cannot be
shared by two servers). Redis is used when REDIS_URL answers; CI sets
INFOSTORY_REQUIRE_REDIS=1 so that a missing Redis fails instead of being skipped.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from stories.models import Story, StoryEvent

pytestmark = [pytest.mark.load, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = int(os.environ.get("INFOSTORY_LOAD_SUBMISSIONS", "200"))
CLIENTS = int(os.environ.get("INFOSTORY_LOAD_CLIENTS", "16"))
TITLE = "Two-instance load test story"

# What a person types, by input name; everything else is filled generically.
TYPED = {
    "title": "{title}",
    "what_happened": (
        "The hospital discharge team could see the care package the council already "
        "provided, so the family only had to tell their story once."
    ),
    "difference": "He went home four days sooner, to carers who already knew him.",
    "barriers_text": "The two systems do not talk to each other.",
    "organisations": "County council; acute hospital trust",
    "name": "Load Tester",
    "email": "load.tester@example.org",
    "organisation": "Centre of Excellence for Information Sharing",
}
CHECKED = {"consent_publish", "consent_contact", "publish_anonymously"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = settings.DATABASES["default"]
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    return (
        f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}"
    )


def redis_answers(url):
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def redis_url():
    """REDIS_URL when Redis answers; None when it is absent (a failure when CI needs it)."""
    url = os.environ.get("REDIS_URL", "")
    if url and redis_answers(url):
        return url
    if os.environ.get("INFOSTORY_REQUIRE_REDIS"):
        pytest.fail(f"INFOSTORY_REQUIRE_REDIS is set but Redis at {url!r} does not answer.")
    return None


class FormReader(HTMLParser):
    """Every input, select and textarea of the form that holds `what_happened`."""

    def __init__(self):
        super().__init__()
        self.forms = []  # [(action, [fields])]
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append((attrs.get("action") or "", []))
        elif not self.forms:
            return
        elif tag in ("input", "textarea"):
            self.forms[-1][1].append({"tag": tag, **attrs})
        elif tag == "select":
            self.select = {"tag": "select", "options": [], **attrs}
            self.forms[-1][1].append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def fill(fields, title):
    """The POST body a careful person would send: every hidden value kept as served."""
    data, seen_radio = [], set()
    for item in fields:
        name, kind = item.get("name"), item.get("type", "text")
        if not name or kind in ("submit", "button", "file", "image", "reset"):
            continue
        if item["tag"] == "select":
            options = [value for value in item["options"] if value]
            if options:
                data.append((name, options[0]))
        elif kind == "hidden":
            data.append((name, item.get("value", "")))
        elif kind == "radio":
            if name not in seen_radio:
                seen_radio.add(name)
                data.append((name, item.get("value", "on")))
        elif kind == "checkbox":
            first_choice = name in ("themes", "barriers") and name not in dict(data)
            if name in CHECKED or "required" in item or first_choice:
                data.append((name, item.get("value", "on")))
        elif name in TYPED:
            data.append((name, TYPED[name].format(title=title)))
        elif "required" in item and item["tag"] == "textarea":
            data.append((name, "Sharing information made a difference."))
        else:
            data.append((name, ""))  # e.g. a honeypot: left empty, as a person would
    if "outcome" in {key for key, _ in data}:
        data = [(k, "made_difference" if k == "outcome" else v) for k, v in data]
    return data


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(opener, url, data=None, referer=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    headers = {"Referer": referer} if referer else {}
    try:
        outgoing = urllib.request.Request(url, body, headers)  # noqa: S310 (127.0.0.1)
        with opener.open(outgoing, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def submit(bases, number):
    """GET the form from one instance, POST it to the other, with one person's cookies."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect
    )
    get_base, post_base = bases[number % 2], bases[(number + 1) % 2]
    status, html = request(opener, get_base + "/share/")
    if status != 200:
        return ("GET", status, html[:500])
    reader = FormReader()
    reader.feed(html)
    forms = [f for f in reader.forms if any(i.get("name") == "what_happened" for i in f[1])]
    if not forms:
        return ("GET", "no form with what_happened", html[:500])
    action, fields = forms[0]
    target = urllib.parse.urljoin(post_base + "/share/", action or "/share/")
    target = post_base + urllib.parse.urlsplit(target).path  # the other instance
    status, html = request(
        opener, target, fill(fields, f"{TITLE} {number}"), referer=post_base + "/share/"
    )
    if status not in (301, 302, 303):
        return ("POST", status, html[:500])
    # "Check your answers" from the first instance, "Send my story" to the other.
    status, html = request(opener, get_base + "/share/check/")
    if status != 200:
        return ("GET check", status, html[:500])
    reader = FormReader()
    reader.feed(html)
    sends = [f for f in reader.forms if any(i.get("name") == "answers" for i in f[1])]
    if not sends:
        return ("GET check", "no form with the answers", html[:500])
    action, fields = sends[0]
    target = post_base + urllib.parse.urlsplit(urllib.parse.urljoin(post_base, action)).path
    status, html = request(opener, target, fill(fields, ""), referer=post_base + "/share/check/")
    return ("POST check", status, html[:500] if status not in (301, 302, 303) else "")


@pytest.fixture
def two_instances(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "two gunicorn instances need a shared server database: run with "
            "DATABASE_URL=postgres://… (CI does)"
        )
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "infostory.settings_test",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "two-instance-load-test-key-shared-by-both-nodes-0123456789",
        "DJANGO_LOG_LEVEL": "WARNING",
        "INFOSTORY_SUBMIT_RATE": "100000/hour",
        "INFOSTORY_MIN_FILL_SECONDS": "0",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
    }
    redis = redis_url()
    if redis:
        environment["REDIS_URL"] = redis
    else:
        environment.pop("REDIS_URL", None)
    processes, bases = [], []
    try:
        for index in range(2):
            port = free_port()
            log = open(tmp_path / f"gunicorn-{index}.log", "w")  # noqa: SIM115
            processes.append(
                (
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "-c",
                            str(ROOT / "gunicorn.conf.py"),
                            "--bind",
                            f"127.0.0.1:{port}",
                            "infostory.wsgi",
                        ],
                        cwd=ROOT,
                        env=environment,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    ),
                    log,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until_healthy(base, tmp_path)
        yield {"bases": bases, "redis": redis, "logs": tmp_path}
    finally:
        for process, _log in processes:
            process.terminate()
        for process, log in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def wait_until_healthy(base, logs, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    text = "\n".join(path.read_text()[-3000:] for path in sorted(logs.glob("gunicorn-*.log")))
    pytest.fail(f"{base}/healthz did not answer 200 within {seconds} s:\n{text}")


def test_two_instances_sharing_one_database_store_every_submission(two_instances):
    bases = two_instances["bases"]
    status, _ = request(urllib.request.build_opener(NoRedirect), bases[0] + "/share/")
    assert status != 404, "/share/ is missing: the sharing form must be there"
    stories_before = Story.objects.count()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda n: submit(bases, n), range(SUBMISSIONS)))

    server_errors = [r for r in results if isinstance(r[1], int) and r[1] >= 500]
    assert not server_errors, f"{len(server_errors)} 5xx responses, first: {server_errors[0]}"
    refused = [r for r in results if r[1] not in (301, 302, 303)]
    assert not refused, f"{len(refused)} submissions not accepted, first: {refused[0]}"
    stored = Story.objects.filter(title__startswith=TITLE)
    assert stored.count() == SUBMISSIONS
    assert Story.objects.count() - stories_before == SUBMISSIONS
    assert stored.values("title").distinct().count() == SUBMISSIONS  # none twice
    assert (
        StoryEvent.objects.filter(story__in=stored, action=StoryEvent.Action.SUBMITTED).count()
        == SUBMISSIONS
    )

import re
from collections import Counter

import pytest
from taggit.models import TaggedItem

from bench import corpus as bench_corpus
from bench import traffic as bench_traffic
from bench.corpus import CAMPAIGN_WORDS, COMMON_RANKS, RARE_RANKS, VOCABULARY_SIZE, vocabulary
from bench.load import main as load_command
from bench.loader import BENCH_MARKER, BenchLoadError, bench_stories, load_stories
from bench.run import flags_for, load_fact, parse_wrk
from stories.models import Story, StoryEvent
from tests.factories import PublishedStoryFactory

pytestmark = pytest.mark.django_db


def load(count, **options):
    load_stories(count, batch_size=40, benchmark_database=True, log=lambda line: None, **options)


def test_bench_stories_are_filed_and_each_has_its_submission_event():
    load(100)
    stories = bench_stories()
    assert stories.count() == 100
    assert stories.values("reference").distinct().count() == 100
    assert all(
        ref.startswith("IS-") and len(ref) == 9
        for ref in stories.values_list("reference", flat=True)
    )
    assert (
        StoryEvent.objects.filter(story__in=stories, action=StoryEvent.Action.SUBMITTED).count()
        == 100
    )
    assert (
        Story.themes.through.objects.filter(story__in=stories).values("story").distinct().count()
        == 100
    )
    assert TaggedItem.objects.filter(object_id__in=stories.values("id")).exists()
    assert stories.filter(status=Story.Status.PUBLISHED).count() > 40
    assert stories.filter(local_area__isnull=False).exists()
    assert len({day.date() for day in stories.values_list("submitted_at", flat=True)}) > 50


def test_published_bench_stories_meet_the_rules_for_publication():
    load(100)
    published = bench_stories().filter(status=Story.Status.PUBLISHED)
    assert published.exists()
    for story in published:
        assert story.consent_publish
        assert story.public_title and story.public_body
        assert story.published_at is not None and story.published_at >= story.submitted_at
        assert story.transition_problems(Story.Status.WITHDRAWN) == []


def test_reset_deletes_only_bench_stories():
    real = PublishedStoryFactory()
    load(50)
    load(30, reset=True)
    assert bench_stories().count() == 30
    assert Story.objects.filter(pk=real.pk).exists()
    assert not Story.objects.filter(pk=real.pk, moderator_notes=BENCH_MARKER).exists()
    assert StoryEvent.objects.filter(story__in=bench_stories()).count() == 30


def test_load_bench_stories_refuses_a_negative_count():
    with pytest.raises(BenchLoadError, match="0 or more"):
        load(-1)


def test_load_bench_stories_refuses_a_database_not_named_for_benchmarks():
    from django.db import connection

    assert "bench" not in str(connection.settings_dict["NAME"]).lower()
    with pytest.raises(SystemExit, match="--yes-this-is-a-benchmark-database"):
        load_command(["10"])
    assert not bench_stories().exists()


def test_load_bench_stories_runs_on_a_database_named_for_benchmarks(monkeypatch):
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict, "NAME", "infostory_benchdata")
    load_command(["10", "--batch-size", "5"])
    assert bench_stories().count() == 10


def test_the_bench_population_weighs_every_status_the_model_has():
    # A status the model gains and the bench leaves out would never be benchmarked.
    weights = bench_corpus.weights
    assert weights(Story.Outcome, made_difference=1, could_have=2, not_sure=3) == [
        (Story.Outcome.MADE_DIFFERENCE, 1),
        (Story.Outcome.COULD_HAVE, 2),
        (Story.Outcome.NOT_SURE, 3),
    ]
    with pytest.raises(ValueError, match=r"missing \['not_sure'\]"):
        weights(Story.Outcome, made_difference=1, could_have=2)
    with pytest.raises(ValueError, match=r"unknown \['maybe'\]"):
        weights(Story.Outcome, made_difference=1, could_have=2, not_sure=3, maybe=4)


def test_the_vocabulary_is_the_same_every_time_and_starts_with_the_campaigns_words():
    words = vocabulary()
    assert words == vocabulary()  # run.py draws its searches from it without a file
    assert len(words) == len(set(words)) == VOCABULARY_SIZE
    assert words[:6] == ["consent", "discharge", "safeguarding", "carer", "school", "police"]
    assert words[: len(CAMPAIGN_WORDS)] == list(dict.fromkeys(CAMPAIGN_WORDS))
    assert all(re.fullmatch(r"[a-z]+", word) for word in words)


def test_story_words_follow_a_zipf_like_frequency():
    load(300)
    texts = bench_stories().values_list("what_happened", flat=True)
    in_stories = Counter()
    for text in texts:
        in_stories.update(set(re.findall(r"[a-z]+", text.lower())))
    words = vocabulary()
    # The commonest words are in most stories...
    assert in_stories[words[0]] > 270
    assert in_stories[words[0]] > in_stories[words[9]] > in_stories[words[199]]
    # ...and most of the vocabulary's words that appear at all are in few of them.
    rare = [words[rank - 1] for rank in RARE_RANKS]
    seen_rare = [word for word in rare if in_stories[word]]
    assert seen_rare
    assert sum(in_stories[word] <= 3 for word in seen_rare) > 0.9 * len(seen_rare)


def test_readers_search_the_same_words_in_the_published_version():
    load(100)
    published = bench_stories().filter(status=Story.Status.PUBLISHED)
    with_top_word = published.filter(public_body__icontains=vocabulary()[0])
    assert with_top_word.count() > 0.9 * published.count()


WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8765/healthz
WRK_JSON {"requests": 2000, "duration_us": 2000000, "bytes": 800000, "p50_us": 1500, \
"p90_us": 9000, "p99_us": 120000, "max_us": 200000, "errors_connect": 0, "errors_read": 0, \
"errors_write": 0, "errors_status": 3, "errors_timeout": 1, "bad_status": 3}
"""


def test_wrk_report_gives_requests_per_second_milliseconds_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result["rps"] == 1000
    assert result["p50_ms"] == 1.5
    assert result["p99_ms"] == 120
    assert result["bad_status"] == 3
    assert result["socket_errors"] == 1
    assert result["errors"] == 4


def test_bench_flags_each_missed_target_and_any_error():
    result = parse_wrk(WRK_OUTPUT)
    listing = bench_traffic.Traffic("list page", "/stories/?page=2", target=bench_traffic.LIST)
    flags = flags_for(listing, result, healthz_rps=20000)
    assert "0.050× < 0.1×" in flags
    assert "p99 120 > 100 ms" in flags
    assert any("ERRORS: 3 responses ≥ 400" in flag for flag in flags)
    assert any("ERRORS: 1 socket" in flag for flag in flags)
    # Search allows 150 ms at the 99th percentile; the admin 0.05× of the floor.
    search = bench_traffic.Traffic("search", "/stories/?q=x", target=bench_traffic.SEARCH)
    assert not any("p99" in flag for flag in flags_for(search, result, 1000))
    admin = bench_traffic.Traffic("admin list", "/admin/", target=bench_traffic.ADMIN)
    clean = {**result, "bad_status": 0, "socket_errors": 0, "errors": 0}
    assert flags_for(admin, clean, healthz_rps=19000) == []
    assert flags_for(admin, clean, healthz_rps=21000) == ["0.048× < 0.05×"]


def test_a_run_without_any_response_is_flagged_not_reported_as_fast():
    result = {**parse_wrk(WRK_OUTPUT), "requests": 0, "rps": 0, "p99_ms": 0}
    search = bench_traffic.Traffic("search", "/stories/?q=x", target=bench_traffic.SEARCH)
    assert flags_for(search, result, 1000) == ["no response completed within the run"]


def test_varied_traffic_spreads_over_the_whole_corpus():
    load(120)
    traffics = {t.name: t for t in bench_traffic.build(seed=1)}
    published = set(
        bench_stories().filter(status=Story.Status.PUBLISHED).values_list("reference", flat=True)
    )
    stories = {path.split("/")[2] for path in traffics["story page"].varied}
    assert stories == published  # any of the published stories, and only those
    pages = {int(p.rsplit("=", 1)[1]) for p in traffics["list page"].varied}
    last = -(-len(published) // 20)
    assert pages == set(range(1, last + 1))
    words = vocabulary()
    common = {words[rank - 1] for rank in COMMON_RANKS}
    for path in traffics["search, common words"].varied:
        assert set(path.split("?q=")[1].split("+")) <= common
    searched = {w for p in traffics["search"].varied for w in p.split("?q=")[1].split("+")}
    assert searched & common and searched & {words[rank - 1] for rank in RARE_RANKS}
    assert len(set(traffics["filter mix"].varied)) > 1000


def test_every_bench_address_answers_without_an_error(client, django_user_model):
    """The bench measures pages, not error pages: each fixed address and a sample of each
    varied list answers below 400, signed in for the staff pages (case studies may be
    missing until they land; the table then says so)."""
    from bench.run import staff_user

    load(60)
    staff = staff_user()
    for traffic in bench_traffic.build(seed=3):
        if traffic.staff:
            client.force_login(staff)
        else:
            client.logout()
        for path in [traffic.fixed, *traffic.varied[:5]]:
            if path is None:
                continue
            status = client.get(path).status_code
            if traffic.optional and status == 404:
                continue
            assert status < 400, (traffic.name, path, status)


def test_the_floor_ignores_a_healthz_run_that_completed_nothing():
    from bench.run import floor_of

    assert floor_of([1000, 0]) == 1000
    assert floor_of([1000, 2000]) == 1500
    assert floor_of([0]) == 0


def test_the_table_puts_fixed_and_varied_side_by_side_and_flags_errors_and_missing_routes():
    from bench.run import pass_table

    clean = {**parse_wrk(WRK_OUTPUT), "bad_status": 0, "socket_errors": 0, "errors": 0}
    story = bench_traffic.Traffic("story page", "/stories/IS-1/", ["/stories/IS-2/"])
    story.target, story.status, story.varied_status = bench_traffic.STORY, 200, 200
    story.results = {("Redis", "fixed"): clean, ("Redis", "varied"): parse_wrk(WRK_OUTPUT)}
    cases = bench_traffic.Traffic("case studies", "/case-studies/", ["/case-studies/?x=1"])
    cases.optional, cases.status, cases.varied_status = True, 404, 404
    story_row, cases_row = pass_table("Redis", [story, cases], floor=2000)[2:]
    cells = [cell.strip() for cell in story_row.split("|")]
    assert cells[4:9] == ["1000", "0.50", "1.5", "120", "0"]  # fixed
    assert cells[9:14] == ["1000", "0.50", "1.5", "120", "4 ⚠"]  # varied, with its errors
    assert "varied: ERRORS: 3 responses ≥ 400" in cells[14]
    assert "not in this build (404)" in cases_row
    assert "skipped: the route is not in this build" in cases_row


def test_the_personal_data_scan_row_is_judged_against_its_target():
    from bench.run import scan_lines

    fast = {"chars": 5000, "runs": 200, "ms_median": 7.5, "ms_p95": 9.0}
    slow = {**fast, "ms_median": 31.0}
    assert "(target < 20 ms: ok)" in scan_lines(fast)[0]
    assert "(target < 20 ms: OVER TARGET)" in scan_lines(slow)[0]
    assert "not in this build" in scan_lines(None)[0]


def test_the_bench_is_labelled_busy_only_by_the_load_before_it_started(monkeypatch):
    # Its own server and load generator raise the load it ends with on any machine.
    monkeypatch.setattr("bench.run.cores", lambda: 2)
    assert load_fact(0.2, 1.4, 3.9) == "0.2 / 1.4 / 3.9"
    assert load_fact(1.5, 1.8, 3.9).endswith(
        "(busy: other work was running when the bench started)"
    )

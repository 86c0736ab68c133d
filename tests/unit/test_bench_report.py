"""The benchmark's table (scripts/bench/report.py) on made-up numbers: ratios, targets met and missed."""
import json

from scripts.bench import report


def fake_results(seq_p50=12.0, ours_rps=30.0, starter_rps=15.0, train_s=150.0, rss=900.0, first=10.0, last=25.0):
    bot = {"train_s": train_s, "startup_s": 20.0, "rss_mib": rss,
           "sequential": {"p50_ms": seq_p50, "p95_ms": 40.0},
           "users_10": {"rps": ours_rps, "p50_ms": 300.0, "p95_ms": 500.0},
           "users_50": {"rps": ours_rps, "p50_ms": 1500.0, "p95_ms": 2500.0},
           "long": {"first_ms": first, "last_ms": last, "ratio": last / first}}
    starter = {"train_s": 60.0, "startup_s": 10.0, "rss_mib": 600.0,
               "sequential": {"p50_ms": 8.0, "p95_ms": 20.0},
               "users_10": {"rps": starter_rps, "p50_ms": 600.0, "p95_ms": 900.0},
               "users_50": {"rps": starter_rps, "p50_ms": 3000.0, "p95_ms": 4000.0},
               "long": {"first_ms": 8.0, "last_ms": 9.0, "ratio": 9.0 / 8.0}}
    return {"meta": {"date": "2026-01-01 00:00 UTC", "cores": 2}, "vaxjo": bot, "starter": starter}


def rows_by_key(results):
    return {row["key"]: row for row in report.build_rows(results)}


def test_ratios_are_ours_over_the_starters():
    rows = rows_by_key(fake_results())
    assert rows["train_s"]["ratio"] == 2.5
    assert rows["seq_p50"]["ratio"] == 1.5
    assert rows["u10_rps"]["ratio"] == 2.0
    assert rows["rss_mib"]["ratio"] == 1.5
    assert rows["turn_ratio"]["ratio"] is None  # already a ratio


def test_met_and_missed_flags():
    rows = rows_by_key(fake_results())
    assert rows["seq_p50"]["met"] is False  # 1.5 x the starter > 0.6 x
    assert rows["u10_rps"]["met"] is True  # 2.0 x the starter
    assert rows["rss_mib"]["met"] is True
    assert rows["train_s"]["met"] is False  # 2.5 x the starter > 0.5 x
    assert rows["turn_ratio"]["met"] is False  # 2.5 x > 1.3 x
    assert rows["startup_s"]["met"] is None  # no target

    rows = rows_by_key(fake_results(seq_p50=4.8, ours_rps=20.0, starter_rps=15.0, train_s=30.0, rss=1600.0, last=13.0))
    assert rows["seq_p50"]["met"] is True  # exactly 0.6 x the starter
    assert rows["u10_rps"]["met"] is False  # 1.33 x < 2 x
    assert rows["train_s"]["met"] is True  # exactly 0.5 x the starter
    assert rows["rss_mib"]["met"] is False  # > 1536 MiB
    assert rows["turn_ratio"]["met"] is True  # exactly 1.3 x


def test_missing_numbers_give_dashes_not_errors():
    results = fake_results()
    del results["starter"]["users_10"]
    results["vaxjo"].pop("train_s")
    rows = rows_by_key(results)
    assert rows["u10_rps"]["ratio"] is None and rows["u10_rps"]["met"] is False
    assert rows["train_s"]["met"] is None
    assert "—" in report.render_table(report.build_rows(results))


def test_markdown_has_the_table_and_explains_only_the_missed_targets(tmp_path):
    limits = {"train_s": "DIET epochs on two cores.", "rss_mib": "never shown: met"}
    md, js = tmp_path / "b.md", tmp_path / "b.json"
    report.write_report(fake_results(), md, js, limits, method="Sequential: 200 messages.")
    text = md.read_text(encoding="utf-8")
    assert "| target | measured | met? |" in text
    assert ("| Training from scratch (`rasa train`, fresh output and cache) | 150.0 s | 60.0 s | 2.50 | ≤ 0.5 × starter | "
            "2.50 × | **no** |") in text
    assert "| 10 concurrent users: throughput | 30.0 req/s | 15.0 req/s | 2.00 | ≥ 2 × starter | 2.00 × | **yes** |" in text
    assert "Targets met: 2 of 5." in text
    assert "DIET epochs on two cores." in text and "never shown" not in text
    assert "Sequential: 200 messages." in text
    saved = json.loads(js.read_text(encoding="utf-8"))
    assert saved["vaxjo"]["train_s"] == 150.0 and len(saved["rows"]) == len(report.METRICS)

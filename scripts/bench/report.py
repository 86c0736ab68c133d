"""Turns the benchmark's raw results into docs/benchmarks.md (a table with ratios and targets) and docs/benchmarks.json."""
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional

BOTS = ("vaxjo", "starter")


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "s", "ms", "MiB", "req/s", "x"
    get: Callable[[Dict], Optional[float]]
    target: str = ""
    # (our value, our value ÷ the starter's) -> met?; None: no target.
    met: Optional[Callable[[float, Optional[float]], bool]] = None


def _path(*keys: str) -> Callable[[Dict], Optional[float]]:
    def get(bot: Dict) -> Optional[float]:
        value = bot
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value
    return get


MEMORY_LIMIT_MIB = 1.5 * 1024
METRICS: List[Metric] = [
    Metric("train_s", "Training from scratch (`rasa train`, fresh output and cache)", "s", _path("train_s"),
           "≤ 0.5 × starter", lambda _, ratio: ratio is not None and ratio <= 0.5),
    Metric("startup_s", "Start-up: launch until the REST webhook answers", "s", _path("startup_s")),
    Metric("rss_mib", "Rasa server memory (VmRSS of `rasa run` after the load)", "MiB", _path("rss_mib"),
           "≤ 1.5 GB (1536 MiB)", lambda ours, _: ours <= MEMORY_LIMIT_MIB),
    Metric("seq_p50", "Sequential latency p50", "ms", _path("sequential", "p50_ms"), "≤ 0.6 × starter",
           lambda _, ratio: ratio is not None and ratio <= 0.6),
    Metric("seq_p95", "Sequential latency p95", "ms", _path("sequential", "p95_ms")),
    Metric("u10_rps", "10 concurrent users: throughput", "req/s", _path("users_10", "rps"),
           "≥ 2 × starter", lambda _, ratio: ratio is not None and ratio >= 2),
    Metric("u10_p50", "10 concurrent users: p50", "ms", _path("users_10", "p50_ms")),
    Metric("u10_p95", "10 concurrent users: p95", "ms", _path("users_10", "p95_ms")),
    Metric("u50_rps", "50 concurrent users: throughput", "req/s", _path("users_50", "rps")),
    Metric("u50_p50", "50 concurrent users: p50", "ms", _path("users_50", "p50_ms")),
    Metric("u50_p95", "50 concurrent users: p95", "ms", _path("users_50", "p95_ms")),
    Metric("turn_first", "One conversation: median of turns 1–10", "ms", _path("long", "first_ms")),
    Metric("turn_last", "One conversation: median of turns 191–200", "ms", _path("long", "last_ms")),
    Metric("turn_ratio", "Turn 200 ÷ turn 1 (medians above)", "x", _path("long", "ratio"),
           "≤ 1.3 ×", lambda ours, _: ours <= 1.3),
]


def fmt(value: Optional[float], unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "x":
        return f"{value:.2f} ×"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "ms" and value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} {unit}"


def build_rows(results: Dict) -> List[Dict]:
    """One row per metric: both bots' values, ours ÷ the starter's, the target and whether it is met."""
    rows = []
    for metric in METRICS:
        ours, starter = metric.get(results.get("vaxjo", {})), metric.get(results.get("starter", {}))
        ratio = ours / starter if ours is not None and starter not in (None, 0) and metric.unit != "x" else None
        met = None if metric.met is None or ours is None else bool(metric.met(ours, ratio))
        rows.append({"key": metric.key, "label": metric.label, "unit": metric.unit, "vaxjo": ours, "starter": starter,
                     "ratio": ratio, "target": metric.target, "met": met})
    return rows


def _met_text(row: Dict) -> str:
    if row["met"] is None:
        return ""
    return "**yes**" if row["met"] else "**no**"


def render_table(rows: List[Dict]) -> str:
    lines = ["| metric | Växjö bot | `rasa init` starter | Växjö ÷ starter | target | measured | met? |",
             "|---|---:|---:|---:|---|---:|:---:|"]
    for row in rows:
        ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "—"
        measured = ""
        if row["met"] is not None:
            measured = f"{row['ratio']:.2f} ×" if "starter" in row["target"] and row["ratio"] is not None \
                else fmt(row["vaxjo"], row["unit"])
        lines.append(f"| {row['label']} | {fmt(row['vaxjo'], row['unit'])} | {fmt(row['starter'], row['unit'])} | "
                     f"{ratio} | {row['target']} | {measured} | {_met_text(row)} |")
    return "\n".join(lines)


def render_markdown(results: Dict, limits: Optional[Dict[str, str]] = None, method: str = "") -> str:
    """The whole docs/benchmarks.md: table, then for every missed target what limits it (`limits` by metric key)."""
    rows = build_rows(results)
    meta = results.get("meta", {})
    missed = [row for row in rows if row["met"] is False]
    parts = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`scripts/bench/run.py`); raw numbers in `docs/benchmarks.json`. "
        "A benchmark, not a test: numbers depend on the machine and on what else runs on it.",
        "",
        f"Run: {meta.get('date', '?')} · {meta.get('cores', '?')} cores · load average before/after "
        f"{meta.get('load_before', '?')} / {meta.get('load_after', 'not recorded')} · Python {meta.get('python', '?')}, "
        f"Rasa {meta.get('rasa', '?')}, locust {meta.get('locust', '?')}.",
        "",
        render_table(rows),
        "",
        f"Targets met: {sum(1 for row in rows if row['met'])} of {sum(1 for row in rows if row['met'] is not None)}.",
    ]
    if missed:
        parts += ["", "## What limits the missed targets", ""]
        for row in missed:
            text = (limits or {}).get(row["key"], "")
            parts.append(f"- **{row['label']}** ({fmt(row['vaxjo'], row['unit'])}, target {row['target']}). {text}".rstrip())
    if results.get("profile_section"):
        parts.append(results["profile_section"])
    if method:
        parts += ["", "## How it is measured", "", method.strip()]
    return "\n".join(parts) + "\n"


def write_report(results: Dict, markdown_path: Path, json_path: Path, limits: Optional[Dict[str, str]] = None,
                 method: str = "") -> None:
    results = {**results, "rows": build_rows(results)}
    markdown_path.write_text(render_markdown(results, limits, method), encoding="utf-8")
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

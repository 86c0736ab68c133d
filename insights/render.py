"""The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, fonts or images to fetch."""
from html import escape
from typing import Any, Dict, List, Tuple

LANGUAGE_LABELS = {"sv": "Swedish", "en": "English", "unknown": "unknown"}
LANGUAGE_COLOURS = {"sv": "#005293", "en": "#e0a800", "unknown": "#9aa5b1"}
KIND_LABELS = {"fallback": "not understood", "out_of_scope": "out of scope"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f4f6f8;color:#1f2933}
main{max-width:1100px;margin:0 auto;padding:24px 32px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:14px 0 10px}
.sub{color:#52606d;margin:0 0 20px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card b{display:block;font-size:28px}.card span{color:#52606d;font-size:13px}
section{background:#fff;border-radius:8px;padding:8px 20px 16px;margin-top:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;vertical-align:top}
th{border-bottom:2px solid #cbd2d9;color:#52606d;font-weight:600}td{border-bottom:1px solid #e4e7eb}
td.n{text-align:right;white-space:nowrap}
.tag{white-space:nowrap;font-size:12px;border-radius:4px;padding:1px 6px;background:#e4e7eb}
.tag.out_of_scope{background:#fde2cf}.tag.fallback{background:#fff3c4}
.empty{background:#fff;border-radius:8px;padding:40px;text-align:center;font-size:20px;color:#52606d}
.note{color:#52606d;font-size:13px}svg text{font-family:inherit}
"""


def _bars_by_day(per_day: List[Dict[str, Any]]) -> str:
    """Vertical bars: visitor messages per day, with the conversations as a darker bar inside."""
    width, height, left, bottom, top = 1000, 220, 36, 40, 12
    peak = max([day["messages"] for day in per_day] + [1])
    step = (width - left) / max(len(per_day), 1)
    bar = max(step * 0.7, 2)
    parts = [f'<svg viewBox="0 -{top} {width} {height + bottom + top}" width="100%" role="img" '
             f'aria-label="Messages and conversations per day">']
    for fraction in (0, 0.5, 1):
        y = height - fraction * height
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#52606d">'
                     f'{round(peak * fraction)}</text>')
    label_every = max(1, len(per_day) // 15)
    for index, day in enumerate(per_day):
        x = left + index * step + (step - bar) / 2
        for value, colour, name in ((day["messages"], "#9cc3e6", "messages"),
                                    (day["conversations"], "#005293", "conversations")):
            h = height * value / peak
            parts.append(f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                         f'<title>{escape(day["date"])}: {value} {name}</title></rect>')
        if index % label_every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height + 16}" font-size="11" text-anchor="middle" '
                         f'fill="#52606d">{escape(day["date"][5:])}</text>')
    parts.append(f'<rect x="{left}" y="{height + 26}" width="12" height="10" fill="#9cc3e6"/>'
                 f'<text x="{left + 16}" y="{height + 35}" font-size="12">messages</text>'
                 f'<rect x="{left + 100}" y="{height + 26}" width="12" height="10" fill="#005293"/>'
                 f'<text x="{left + 116}" y="{height + 35}" font-size="12">conversations</text></svg>')
    return "".join(parts)


def _horizontal_bars(rows: List[Tuple[str, int]], colour: str = "#005293") -> str:
    width, row, label = 1000, 24, 260
    peak = max([count for _, count in rows] + [1])
    parts = [f'<svg viewBox="0 0 {width} {row * len(rows) + 4}" width="100%" role="img" aria-label="bar chart">']
    for index, (name, count) in enumerate(rows):
        y = index * row
        w = (width - label - 60) * count / peak
        parts.append(f'<text x="{label - 8}" y="{y + 16}" font-size="13" text-anchor="end">{escape(name)}</text>'
                     f'<rect x="{label}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{colour}"/>'
                     f'<text x="{label + w + 6:.1f}" y="{y + 16}" font-size="13">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _split_bar(split: Dict[str, int], title: str) -> str:
    total = sum(split.values())
    width, x = 1000, 0.0
    parts = [f'<p class="note">{escape(title)}: ' + ", ".join(
        f'{LANGUAGE_LABELS.get(lang, lang)} {count} ({100 * count / total:.0f} %)' if total else
        f'{LANGUAGE_LABELS.get(lang, lang)} 0' for lang, count in split.items()) + "</p>",
             f'<svg viewBox="0 0 {width} 34" width="100%" role="img" aria-label="{escape(title)}">']
    for lang, count in split.items():
        if not total or not count:
            continue
        w = width * count / total
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="34" fill="{LANGUAGE_COLOURS.get(lang, "#9aa5b1")}">'
                     f'<title>{LANGUAGE_LABELS.get(lang, lang)}: {count}</title></rect>')
        if w > 90:
            parts.append(f'<text x="{x + 10:.1f}" y="22" font-size="14" fill="#fff">'
                         f'{escape(LANGUAGE_LABELS.get(lang, lang))} {100 * count / total:.0f} %</text>')
        x += w
    parts.append("</svg>")
    return "".join(parts)


def _card(value: Any, label: str) -> str:
    return f'<div class="card"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'


def _table(headers: List[str], rows: List[str], empty: str) -> str:
    if not rows:
        return f'<p class="note">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _unanswered_table(items: List[Dict[str, Any]]) -> str:
    rows = [f'<tr><td>{escape(item["text"])}</td><td><span class="tag {escape(item["kind"])}">'
            f'{escape(KIND_LABELS.get(item["kind"], item["kind"]))}</span></td><td>{escape(item["language"])}</td>'
            f'<td class="n">{item["count"]}</td><td class="n">{escape(item["last_seen"])}</td></tr>' for item in items]
    return _table(["Question (redacted)", "Why", "Lang", "Times", "Last asked"], rows,
                  "Every question in the period got an answer.")


def _feedback_table(items: List[Dict[str, Any]]) -> str:
    rows = [f'<tr><td class="n">{escape(item["date"])}</td><td>{escape(item["question"]) or "<i>(none)</i>"}'
            f'<br><span class="note">{escape(item["question_intent"])}</span></td>'
            f'<td>{escape(item["answer"])}<br><span class="note">{escape(item["answer_response"])}</span></td></tr>'
            for item in items]
    return _table(["Date", "Question (redacted)", "Answer that got a thumbs down"], rows,
                  "No answer got a thumbs down in the period.")


OUTCOME_LABELS = {"answered_intent": "answered (intent)", "answered_passage": "answered (passage from the content)",
                  "clarified": "asked back which one", "out_of_scope": "out of scope", "not_found": "not found"}


def _outcomes_section(outcomes: Dict[str, Any]) -> str:
    """Counts per outcome, and the questions of each outcome, so editors see what fell through."""
    counts = outcomes.get("counts") or {}
    parts = ['<section><h2>Outcome of every message</h2>',
             _horizontal_bars([(OUTCOME_LABELS.get(name, name), count) for name, count in counts.items()]),
             '<p class="note">Passage answers quote the content; "not found" and "out of scope" gave the '
             'municipality\'s contact details.</p>']
    for name, items in (outcomes.get("questions") or {}).items():
        if not items:
            continue
        rows = "".join(f'<tr><td>{escape(item["text"])}</td><td>{escape(item["language"])}</td>'
                       f'<td class="n">{item["count"]}</td></tr>' for item in items)
        parts.append(f'<h3>{escape(OUTCOME_LABELS.get(name, name))} ({counts.get(name, 0)})</h3>'
                     f'<table><tr><th>Question (redacted)</th><th>Lang</th><th>Times</th></tr>{rows}</table>')
    parts.append("</section>")
    return "".join(parts)


def render(report: Dict[str, Any], source: str) -> str:
    period = report["period"]
    totals = report["totals"]
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>Växjö partnership assistant – report {escape(period["since"])} to {escape(period["until"])}</title>'
            f'<style>{CSS}</style></head><body><main>'
            f'<h1>What visitors asked the Växjö partnership assistant</h1>'
            f'<p class="sub">{escape(period["since"])} to {escape(period["until"])} ({escape(period["timezone"])}) · '
            f'source: {escape(source)} · visitor texts are redacted</p>')
    if report["empty"]:
        return head + ('<div class="empty">There were no conversations in this period.<br>'
                       '<span class="note">Inga samtal under perioden.</span></div></main></body></html>')
    languages = report["languages"]
    answered = totals["messages"] - totals["fallback"] - totals["out_of_scope"]
    body = [
        '<div class="cards">',
        _card(totals["conversations"], "conversations"),
        _card(totals["messages"], "visitor messages"),
        _card(f'{report["median_conversation_length"]:g}', "median messages per conversation"),
        _card(f'{100 * answered / totals["messages"]:.0f} %' if totals["messages"] else "–", "answered"),
        _card(totals["fallback"] + totals["out_of_scope"], "not answered (fallback + out of scope)"),
        _card(f'{totals["feedback_up"]} / {totals["feedback_down"]}', "thumbs up / thumbs down"),
        _card(totals.get("human_contact", 0), "conversations given the contact centre (asked for a person)"),
        "</div>",
        "<section><h2>Conversations and messages per day</h2>", _bars_by_day(report["per_day"]), "</section>",
        "<section><h2>Language</h2>",
        _split_bar(languages["conversations"], "Conversations"),
        _split_bar(languages["messages"], "Messages"), "</section>",
        "<section><h2>Top questions by intent</h2>",
        _horizontal_bars([(item["intent"], item["count"]) for item in report["top_intents"]]),
        '<p class="note">Intent names: docs/intents.md. nlu_fallback = not understood.</p></section>',
        f'<section><h2>Unanswered questions ({len(report["unanswered"])})</h2>',
        '<p class="note">Fell back or out of scope; deduplicated. Export for training: '
        '<code>reports/unanswered-&lt;date&gt;.yml</code> and <code>.csv</code>.</p>',
        _unanswered_table(report["unanswered"]), "</section>",
        _outcomes_section(report.get("outcomes") or {}),
        f'<section><h2>Answers with a thumbs down ({len(report["negative_feedback"])})</h2>',
        _horizontal_bars([(item["response"] or "(free text)", item["count"])
                          for item in report["negative_feedback_by_response"]], "#c05621"),
        '<p class="note">By response (bot/domain); every thumbs down below, with the question that led to it.</p>',
        _feedback_table(report["negative_feedback"]), "</section>",
    ]
    return head + "".join(body) + "</main></body></html>"

"""Unanswered questions as Rasa NLU YAML (a TODO intent per language) and as CSV, for content editors."""
import csv
import io
from typing import Any, Dict, List

LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}
CSV_FIELDS = ["text", "language", "kind", "intent", "count", "first_seen", "last_seen"]


def _example(text: str) -> str:
    # One line each; the YAML block scalar keeps everything else literally.
    return " ".join(text.split())


def nlu_yaml(items: List[Dict[str, Any]], since: str, until: str) -> str:
    lines = [
        f"# Questions the assistant could not answer, {since} to {until}: it fell back (did not understand,",
        "# or offered a search result) or found them out of scope. Personal data is already replaced by",
        "# [personnummer], [telefon], [e-post] and [nummer]. Most asked first; counts and dates are in the CSV.",
        "#",
        "# To teach the assistant (docs/content-editors.md):",
        "#  1. For each example that the assistant SHOULD answer, move the line into",
        "#     data/nlu/<lang>/<topic>.yml under the right intent (docs/intents.md lists them), e.g.",
        "#     data/nlu/sv/projects.yml, `- intent: ask_project_period`. If the answer is missing from",
        "#     content/, add it there first (make check-content).",
        "#  2. Questions that really are outside the partnerships go under `- intent: out_of_scope`",
        "#     (data/nlu/<lang>/smalltalk.yml). Delete lines that are noise.",
        "#  3. Never copy this file into data/ as it is: TODO_sv/TODO_en are not intents of the assistant.",
        "#  4. make train, then ask the question again (make chat) - it is answered.",
        'version: "3.1"',
        "nlu:",
    ]
    languages = sorted({item["language"] for item in items}, key=lambda lang: (lang not in LANGUAGE_NAMES, lang))
    if not items:
        lines[-1:] = ["nlu: []", "# No unanswered questions in the period."]
    for language in languages:
        examples = [item for item in items if item["language"] == language]
        name = LANGUAGE_NAMES.get(language, f"language '{language}'")
        target = f"data/nlu/{language}/<topic>.yml" if language in LANGUAGE_NAMES else "data/nlu/<lang>/<topic>.yml"
        lines += [
            "",
            f"# {name}: {len(examples)} question(s), {sum(item['count'] for item in examples)} time(s) asked."
            f" Move each into {target} under the right intent.",
            f"- intent: TODO_{language}",
            "  examples: |",
        ]
        lines += [f"    - {_example(item['text'])}" for item in examples]
    return "\n".join(lines) + "\n"


def unanswered_csv(items: List[Dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow({**item, "text": _example(item["text"])})
    return out.getvalue()

"""Loads content/ once, validates it and reports problems by file, field and reason."""
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Type

import yaml
from pydantic import BaseModel, ValidationError

from actions.portfolio.models import (
    Partner,
    People,
    Phrasings,
    Portfolio,
    Programme,
    Project,
    Resources,
    Results,
)

# Resolved from this file, never from the working directory, so every entry point agrees.
DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class ContentError(Exception):
    """Content that cannot be used; the message names the file, the field and the problem."""

    def __init__(self, problems: List[str]):
        self.problems = problems
        super().__init__("Invalid content:\n" + "\n".join(f"  - {p}" for p in problems))


def content_dir() -> Path:
    return Path(os.environ.get("VAXJO_CONTENT_DIR") or DEFAULT_CONTENT_DIR)


def _display(path: Path, root: Path) -> str:
    try:
        return f"content/{path.relative_to(root)}"
    except ValueError:
        return str(path)


def _read_yaml(path: Path, root: Path, problems: List[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problems.append(f"{_display(path, root)}{where}: not valid YAML ({getattr(error, 'problem', error)})")
        return None
    except OSError as error:
        problems.append(f"{_display(path, root)}: cannot be read ({error.strerror})")
        return None
    if not isinstance(data, dict):
        problems.append(f"{_display(path, root)}: expected a mapping of fields, found {type(data).__name__}")
        return None
    return data


def _parse(model: Type[BaseModel], data: Dict, label: str, problems: List[str]):
    try:
        return model.parse_obj(data)
    except ValidationError as error:
        for item in error.errors():
            field = ".".join(str(part) for part in item["loc"] if part != "__root__") or "(file)"
            problems.append(f"{label}: field '{field}': {item['msg']}")
        return None


def _load_folder(root: Path, folder: str, model, problems: List[str]) -> Dict[str, Any]:
    items: Dict[str, Any] = {}
    for path in sorted((root / folder).glob("*.yml")):
        label = _display(path, root)
        data = _read_yaml(path, root, problems)
        item = _parse(model, data, label, problems) if data is not None else None
        if item is None:
            continue
        if item.id in items:
            problems.append(f"{label}: field 'id': '{item.id}' is already used by another file")
            continue
        items[item.id] = item
    if not items and not any(p.startswith(f"content/{folder}/") for p in problems):
        problems.append(f"content/{folder}/: no *.yml files found")
    return items


def _load_file(root: Path, name: str, model, problems: List[str]):
    path = root / name
    data = _read_yaml(path, root, problems)
    return _parse(model, data, _display(path, root), problems) if data is not None else None


def _check_references(portfolio_parts: Dict[str, Any], problems: List[str]) -> None:
    partners, projects = portfolio_parts["partners"], portfolio_parts["projects"]
    people = portfolio_parts["people"]
    for project in projects.values():
        label = f"content/projects/{project.id}.yml"
        for partner_id in project.partners:
            if partner_id not in partners:
                problems.append(f"{label}: field 'partners': unknown partner '{partner_id}' (known: {', '.join(partners)})")
        if project.quote_by and project.quote_by not in people:
            problems.append(f"{label}: field 'quote_by': unknown person '{project.quote_by}'")
    numbers = [p.example_number for p in projects.values()]
    for project in projects.values():
        if numbers.count(project.example_number) > 1:
            problems.append(f"content/projects/{project.id}.yml: field 'example_number': {project.example_number} is used twice")
    for person in people.values():
        if person.about != "programme" and person.about not in projects:
            problems.append(f"content/people.yml: field 'people.{person.id}.about': unknown project '{person.about}'")
    for result in portfolio_parts["results"]:
        if result.project and result.project not in projects:
            problems.append(f"content/results.yml: field 'results.{result.id}.project': unknown project '{result.project}'")
    programme = portfolio_parts["programme"]
    if programme and programme.chair_quote_by not in people:
        problems.append(f"content/programme.yml: field 'chair_quote_by': unknown person '{programme.chair_quote_by}'")


def load_portfolio(root: Path = None) -> Portfolio:
    """Reads and validates every content file; raises ContentError listing all problems at once."""
    root = Path(root) if root else content_dir()
    problems: List[str] = []
    if not root.is_dir():
        raise ContentError([f"{root}: content folder not found"])
    parts = {
        "programme": _load_file(root, "programme.yml", Programme, problems),
        "partners": _load_folder(root, "partners", Partner, problems),
        "projects": _load_folder(root, "projects", Project, problems),
        "people": _load_file(root, "people.yml", People, problems),
        "results": _load_file(root, "results.yml", Results, problems),
        "resources": _load_file(root, "resources.yml", Resources, problems),
        # optional: how visitors ask for statements in other words (docs/content-editors.md)
        "phrasings": (_load_file(root, "phrasings.yml", Phrasings, problems) if (root / "phrasings.yml").exists()
                      else Phrasings()),
    }
    if problems:
        raise ContentError(problems)
    parts["people"] = {person.id: person for person in parts["people"].people}
    parts["results"] = parts["results"].results
    parts["phrasings"] = parts["phrasings"].phrasings
    parts["projects"] = dict(sorted(parts["projects"].items(), key=lambda item: item[1].example_number))
    _check_references(parts, problems)
    if problems:
        raise ContentError(problems)
    portfolio = Portfolio(**parts)
    from actions.portfolio.statements import phrasing_problems  # statements build on the model loaded here

    problems.extend(phrasing_problems(portfolio))
    if problems:
        raise ContentError(problems)
    return portfolio


@lru_cache(maxsize=None)
def _cached(root: str) -> Portfolio:
    return load_portfolio(Path(root))


def get_portfolio() -> Portfolio:
    """The validated content, loaded once per process (per content folder)."""
    return _cached(str(content_dir()))

"""Answers about a partner municipality: population, area, country, website, start, projects, themes."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action

from actions.portfolio.text import format_list, format_number
from actions.routing import RoutedAction, redirect, response_for
from actions.turn import Turn

# A partner's question that names one of the projects asks this of the project.
PROJECT_VERSIONS = {"ask_partner_overview": "ask_project_overview", "ask_partner_themes": "ask_project_focus"}


def partner_values(turn: Turn, partner_id: str) -> Dict[str, Any]:
    partner, lang = turn.content.partners[partner_id], turn.lang
    return {
        "partner_name": partner.name if turn.intent == "ask_partner_overview" else partner.short_name,
        "country": partner.country(lang),
        "population": format_number(partner.population, lang),
        "area": format_number(partner.area_km2, lang),
        "website": partner.website,
        "start_year": partner.start_year,
        "project_count": partner.project_count,
        "project_count_label": partner.project_count_label(lang),
        "themes": format_list([theme(lang) for theme in partner.themes], lang),
        "funder": turn.content.programme.funding.funder,
    }


def partners_in_question(turn: Turn) -> List[str]:
    """Partners named now; else the partner of a project named now; else the conversation's subject."""
    named = turn.mentioned("partner")
    if named:
        return named
    projects = turn.mentioned("project")
    if projects:
        return list(dict.fromkeys(p for pid in projects for p in turn.content.projects[pid].partners))
    subject = turn.subject()
    if subject and subject[0] == "partner":
        return [subject[1]]
    if subject and subject[0] == "project":
        return list(turn.content.projects[subject[1]].partners)
    return []


def answer_partner_fact(turn: Turn) -> None:
    intent = turn.intent
    # "när började det?" about a project means its period, not a partnership's start.
    if intent == "ask_partner_start" and not turn.mentioned("partner"):
        project_ids = turn.mentioned("project")
        subject = turn.subject()
        if project_ids or (subject and subject[0] == "project"):
            return redirect(turn, "ask_project_period")
    projects = turn.mentioned("project")
    # "hur många bor i familjeteamet?" is about the people the project reached, not a partner's population.
    if intent == "ask_partner_population" and projects and not turn.mentioned("partner"):
        return redirect(turn, "ask_project_participants")
    # "What happened to the Family Team once the project with JB Marks ended?" asks about the one project it names.
    if intent in PROJECT_VERSIONS and len(projects) == 1:
        turn.focus_on("project", projects[0])
        return redirect(turn, PROJECT_VERSIONS[intent])
    # With no partner named or in context, the fact for every partner is the complete answer.
    partner_ids = partners_in_question(turn) or list(turn.content.partners)
    response = response_for(intent)
    for partner_id in partner_ids:
        turn.say(response, **partner_values(turn, partner_id))
    if len(partner_ids) == 1:
        turn.remember("partner", partner_ids[0], intent)
    else:
        turn.remember_intent(intent)


class ActionAnswerPartner(RoutedAction, Action):
    def name(self) -> Text:
        return "action_answer_partner"

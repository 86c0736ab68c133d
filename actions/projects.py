"""Answers about the example projects: the list, and each project's period, owner, aim, work and results."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action

from actions.portfolio.text import fold, format_list, format_period, words
from actions.routing import RoutedAction, redirect, response_for
from actions.turn import Turn


def project_name(project, lang: str) -> str:
    """The project's name as the answer's language reads it, with the brochure's official title.

    Where the official title is English in both languages, a Swedish answer leads with the Swedish name:
    "Familjeteamet (New coordination structure to support vulnerable families)"; an English one reads
    "New coordination structure to support vulnerable families (Family Team)"."""
    title, short_name = project.title(lang), project.short_name(lang)
    if fold(short_name) in fold(title):
        return title
    if lang == "sv" and project.title.sv == project.title.en:
        return f"{short_name} ({title})"
    return f"{title} ({short_name})"


def project_values(turn: Turn, project_id: str) -> Dict[str, Any]:
    project, lang, content = turn.content.projects[project_id], turn.lang, turn.content
    partners = [content.partners[pid] for pid in project.partners]
    values = {
        "project_title": project_name(project, lang),
        "short_name": project.short_name(lang),
        "partner_name": format_list([p.short_name for p in partners], lang),
        "country": format_list([p.country(lang) for p in partners], lang),
        "owner": project.owner(lang),
        "period": format_period(project.period.start, project.period.end),
        "start": project.period.start,
        "end": project.period.end,
        "source": content.resources.contact.website,
        **{field: getattr(project, field)(lang) for field in
           ("focus", "purpose", "activities", "participants", "results")},
    }
    if project.quote_by:
        person = content.people[project.quote_by]
        values.update(person_name=person.name, person_role=person.role(lang), quote=person.quote(lang))
    return values


def project_buttons(turn: Turn, intent: str, project_ids: List[str]) -> List[Dict[str, str]]:
    return [
        {"title": turn.content.projects[pid].short_name(turn.lang), "payload": f'/{intent}{{"project": "{pid}"}}'}
        for pid in project_ids
    ]


def answer_project_list(turn: Turn) -> None:
    content = turn.content
    partner_ids = turn.mentioned("partner")
    subject = turn.subject()
    if not partner_ids and turn.intent == "ask_project_list" and subject and subject[0] == "partner" \
            and turn.tracker.get_slot("last_intent") == "ask_partner_project_count":
        partner_ids = [subject[1]]  # "vilka är de?" right after "hur många projekt har X?"
    project_ids = [pid for pid, project in content.projects.items()
                   if not partner_ids or set(project.partners) & set(partner_ids)]
    items = "\n".join(
        turn.render("utter_item_project", number=index, **project_values(turn, pid))
        for index, pid in enumerate(project_ids, start=1)
    )
    buttons = project_buttons(turn, "ask_project_overview", project_ids)
    if len(partner_ids) == 1:
        partner = content.partners[partner_ids[0]]
        turn.say("utter_project_list_partner", buttons=buttons, items=items, partner_name=partner.short_name,
                 project_count=partner.project_count, project_count_label=partner.project_count_label(turn.lang))
        turn.remember("partner", partner.id)
    else:
        turn.say("utter_project_list", buttons=buttons, items=items)
    turn.remember_list([f"project:{pid}" for pid in project_ids])
    turn.remember_intent("ask_project_list")


def projects_in_question(turn: Turn) -> List[str]:
    named = turn.mentioned("project")
    if named:
        return named
    subject = turn.subject()
    if subject and subject[0] == "project":
        return [subject[1]]
    if subject and subject[0] == "person":
        about = turn.content.people[subject[1]].about
        return [about] if about in turn.content.projects else []
    return []


def answer_project_fact(turn: Turn) -> None:
    intent = turn.intent
    project_ids = projects_in_question(turn)
    subject = turn.subject()
    if not project_ids and intent == "ask_project_quote" and (subject and subject[0] == "person"
                                                              or turn.mentioned("person")):
        # "what did she say?" right after talking about someone; "sa lauber nåt om …", who speaks of no project
        return redirect(turn, "ask_person")
    if not project_ids:
        partner_ids = turn.mentioned("partner")
        if not partner_ids and subject and subject[0] == "partner":
            partner_ids = [subject[1]]
        # "när började det?" about a partnership: its start year is the answer.
        if partner_ids and intent in ("ask_project_period", "ask_project_overview"):
            return redirect(turn, "ask_partner_start" if intent == "ask_project_period" else "ask_partner_overview")
        candidates = [pid for pid, p in turn.content.projects.items()
                      if not partner_ids or set(p.partners) & set(partner_ids)]
        turn.say("utter_which_project", buttons=project_buttons(turn, intent, candidates))
        turn.remember_list([f"project:{pid}" for pid in candidates])
        turn.remember_intent(intent)
        return
    if intent in ("ask_project_purpose", "ask_project_focus") and _asks_who(turn.text):
        turn.intent = intent = "ask_project_participants"
    response = response_for(intent)
    for project_id in project_ids:
        turn.say(response, **project_values(turn, project_id))
    turn.remember("project", project_ids[-1], intent)


def _asks_who(text: str) -> bool:
    """"who was sekos aimed at", "vem var projektet till för": the people it was for, which an aim does not name."""
    return words(text)[:1] in (["who"], ["vem"])


class ActionAnswerProject(RoutedAction, Action):
    def name(self) -> Text:
        return "action_answer_project"

"""Answers about the programme as a whole: overview, purpose, funding, ICLD, Agenda 2030, people, results, contact."""
from typing import Text

from rasa_sdk import Action

from actions.portfolio.text import format_list, goal_number
from actions.projects import project_name
from actions.routing import RoutedAction, redirect
from actions.turn import Turn


def _about_one_project(turn: Turn, counterpart: str) -> bool:
    """A programme question that names one project ("Har SEKOS 2 fördjupat kontakten med universitetet?" taken for
    the results in Växjö) asks about that project."""
    named = turn.mentioned("project")
    if len(named) != 1:
        return False
    turn.focus_on("project", named[0])
    redirect(turn, counterpart)
    return True


def _source(turn: Turn) -> str:
    return turn.content.resources.contact.website


def overview(turn: Turn) -> None:
    if _about_one_project(turn, "ask_project_overview"):
        return
    content, lang = turn.content, turn.lang
    partners = [
        turn.render("utter_item_partner", partner_name=p.name, country=p.country(lang), start_year=p.start_year)
        for p in content.partners.values()
    ]
    turn.say("utter_partnerships_overview", history=content.programme.history(lang), count=len(partners),
             partners=format_list(partners, lang), basis=content.programme.basis(lang),
             funding=content.programme.funding.description(lang), source=_source(turn))
    turn.remember_list([f"partner:{pid}" for pid in content.partners])
    turn.remember_intent("ask_partnerships_overview")


def purpose(turn: Turn) -> None:
    if _about_one_project(turn, "ask_project_purpose"):
        return
    programme = turn.content.programme
    turn.say("utter_programme_purpose", purpose=programme.purpose(turn.lang),
             give_and_take=programme.give_and_take(turn.lang),
             project_character=programme.project_character(turn.lang), source=_source(turn))


def meeting(turn: Turn) -> None:
    turn.say("utter_how_participants_meet", meeting=turn.content.programme.meeting(turn.lang), source=_source(turn))


def _values(turn: Turn) -> str:
    return format_list([value(turn.lang) for value in turn.content.programme.core_values], turn.lang)


def core_values(turn: Turn) -> None:
    programme = turn.content.programme
    turn.say("utter_core_values", basis=programme.basis(turn.lang), count=len(programme.core_values),
             values=_values(turn), source=programme.funding.website)


def funding(turn: Turn) -> None:
    programme = turn.content.programme
    partner_ids = turn.mentioned("partner")
    for partner_id in partner_ids:
        partner = turn.content.partners[partner_id]
        turn.say("utter_partner_funding", partner_name=partner.short_name, funding=partner.funding(turn.lang),
                 source=programme.funding.website)
    if not partner_ids:
        turn.say("utter_funding", funding=programme.funding.description(turn.lang), source=programme.funding.website)
    else:
        turn.remember("partner", partner_ids[-1])
    turn.remember_intent("ask_funding")


def icld(turn: Turn) -> None:
    funding_info = turn.content.programme.funding
    turn.say("utter_icld", funder_name=funding_info.funder_name(turn.lang),
             funding=funding_info.description(turn.lang), values=_values(turn), source=funding_info.website)


def agenda2030(turn: Turn) -> None:
    content, lang = turn.content, turn.lang
    agenda = content.programme.agenda2030
    goal = goal_number(turn.text)
    if goal is None:
        named = turn.mentioned("project")
        if named:
            return redirect(turn, "ask_project_focus")
        turn.say("utter_agenda2030", description=agenda.description(lang), source=_source(turn))
        return
    projects = [p for p in content.projects.values() if p.sdg_goal == goal]
    if not projects:
        turn.say("utter_agenda2030_goal_none", goal=goal, description=agenda.description(lang))
        return
    described = next((g.description(lang) for g in agenda.goals if g.number == goal), None)
    goal_description = turn.render("utter_goal_description", description=described) if described else ""
    turn.say("utter_agenda2030_goal", goal=goal, goal_description=goal_description, source=_source(turn),
             projects=format_list([project_name(p, lang) for p in projects], lang))
    turn.remember("project", projects[0].id, "ask_project_focus")


def person(turn: Turn) -> None:
    content, lang = turn.content, turn.lang
    named = turn.mentioned("person")
    subject = turn.subject()
    if not named and subject and subject[0] == "person" and not turn.mentioned("project"):
        named = [subject[1]]
    if not named:
        project_ids = turn.mentioned("project")
        if not project_ids and subject and subject[0] == "project":
            project_ids = [subject[1]]
        quoted = [content.projects[pid].quote_by for pid in project_ids if content.projects[pid].quote_by]
        named = quoted or [content.programme.chair_quote_by]
    for person_id in named:
        someone = content.people[person_id]
        about = (project_name(content.projects[someone.about], lang) if someone.about in content.projects
                 else turn.render("utter_about_programme"))
        turn.say("utter_person", person_name=someone.name, person_role=someone.role(lang), about=about,
                 quote=someone.quote(lang), source=_source(turn))
    turn.remember("person", named[-1], "ask_person")


def results(turn: Turn) -> None:
    if _about_one_project(turn, "ask_project_results"):
        return
    items = "\n".join(f"{index}. {result.text(turn.lang)}" for index, result in enumerate(turn.content.results, 1))
    turn.say("utter_results_vaxjo", results=items, source=_source(turn))
    turn.remember_list([f"result:{result.id}" for result in turn.content.results])
    turn.remember_intent("ask_results_vaxjo")


def contact(turn: Turn) -> None:
    details = turn.content.resources.contact
    turn.say("utter_contact", name=details.name(turn.lang), website=details.website, email=details.email,
             phone=details.phone, phone_international=details.phone_international)


def read_more(turn: Turn) -> None:
    resources, lang = turn.content.resources, turn.lang
    turn.say("utter_read_more", film_title=resources.film.title(lang), film_where=resources.film.where(lang),
             film_url=resources.film.url, read_more_title=resources.read_more.title(lang),
             read_more_url=resources.read_more.url)


class ActionAnswerProgramme(RoutedAction, Action):
    def name(self) -> Text:
        return "action_answer_programme"

"""Typed model of the partnership content in content/*.yml (pydantic v1, which Rasa 3.6 ships)."""
from typing import Dict, List, Optional

from pydantic import BaseModel, Extra, Field, conint, constr, root_validator

LANGUAGES = ("sv", "en")
NonEmpty = constr(strip_whitespace=True, min_length=1)
Year = conint(ge=1900, le=2100)


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid  # a misspelt field name is an error, not a silently missing fact
        allow_mutation = False


class Text(Strict):
    """The same fact in both languages."""

    sv: NonEmpty
    en: NonEmpty

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


class Aliases(Strict):
    sv: List[NonEmpty] = []
    en: List[NonEmpty] = []

    def all(self) -> List[str]:
        return [*self.sv, *self.en]


class Period(Strict):
    start: Year
    end: Year

    @root_validator(skip_on_failure=True)
    def end_not_before_start(cls, values):
        if values["end"] < values["start"]:
            raise ValueError(f"end year {values['end']} is before start year {values['start']}")
        return values


class NumberFact(Strict):
    value: conint(ge=0)
    label: Text


class Partner(Strict):
    id: NonEmpty
    name: NonEmpty
    short_name: NonEmpty
    aliases: Aliases
    country: Text
    area_km2: conint(gt=0)
    population: conint(gt=0)
    website: constr(regex=r"^https?://\S+$")
    start_year: Year
    project_count: conint(gt=0)
    project_count_label: Text
    themes: List[Text] = Field(..., min_items=1)
    funding: Text


class Project(Strict):
    id: NonEmpty
    example_number: conint(gt=0)
    title: Text
    short_name: Text
    aliases: Aliases
    partners: List[NonEmpty] = Field(..., min_items=1)
    owner: Text
    period: Period
    sdg_goal: Optional[conint(ge=1, le=17)] = None
    focus: Text
    purpose: Text
    activities: Text
    participants: Text
    results: Text
    numbers: List[NumberFact] = []
    quote_by: Optional[NonEmpty] = None


class Person(Strict):
    id: NonEmpty
    name: NonEmpty
    role: Text
    aliases: Aliases
    about: NonEmpty  # "programme" or a project id
    quote: Text


class People(Strict):
    people: List[Person] = Field(..., min_items=1)


class Result(Strict):
    id: NonEmpty
    project: Optional[NonEmpty] = None  # only where the brochure ties the result to a project
    text: Text


class Results(Strict):
    results: List[Result] = Field(..., min_items=1)


class Goal(Strict):
    number: conint(ge=1, le=17)
    description: Text


class Agenda2030(Strict):
    goal_count: conint(gt=0)
    description: Text
    goals: List[Goal] = []


class Funding(Strict):
    funder: NonEmpty
    funder_name: Text
    description: Text
    vaxjo_contribution: Text
    website: constr(regex=r"^https?://\S+$")


class Programme(Strict):
    id: NonEmpty
    name: Text
    aliases: Aliases
    history: Text
    basis: Text
    purpose: Text
    give_and_take: Text
    project_character: Text
    meeting: Text
    agenda2030: Agenda2030
    funding: Funding
    core_values: List[Text] = Field(..., min_items=1)
    chair_quote_by: NonEmpty


class Link(Strict):
    title: Text
    url: constr(regex=r"^https?://\S+$")
    where: Optional[Text] = None


class Contact(Strict):
    name: Text
    website: constr(regex=r"^https?://\S+$")
    email: constr(regex=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    phone: NonEmpty
    phone_international: NonEmpty


class Resources(Strict):
    film: Link
    read_more: Link
    contact: Contact


class Asks(Strict):
    sv: List[NonEmpty] = Field(..., min_items=1)
    en: List[NonEmpty] = Field(..., min_items=1)

    def __call__(self, lang: str) -> List[str]:
        return self.en if lang == "en" else self.sv


class Phrasing(Strict):
    """How visitors ask for one statement in words the statement does not use ("finns det kvar?" for "blev
    permanent"): `passage` quotes a piece of the statement in each language, `asks` the visitors' words."""

    passage: Text
    asks: Asks


class Phrasings(Strict):
    phrasings: List[Phrasing] = []


class Portfolio(Strict):
    programme: Programme
    partners: Dict[str, Partner]
    projects: Dict[str, Project]  # ordered by example_number
    people: Dict[str, Person]
    results: List[Result]
    resources: Resources
    phrasings: List[Phrasing] = []

    class Config:
        arbitrary_types_allowed = True

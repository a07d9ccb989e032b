"""The dossier's schema: one pydantic model per entity kind, and the records they share.

This module is the single definition of the data model. The JSON Schema files in `schemas/` are
generated from it (`scripts/build_pages.py --write-schemas`), and the field descriptions here are
what editors show while a contributor types. Unknown fields are errors everywhere.

Every statement (a role, a relation, an attribution, a number, a status, a note) carries
`sources:`, a list of citations; a citation to a source whose text is archived in `seeds/` must
quote it verbatim, which the build checks.
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from . import dates, textcheck

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class RefTo:
    """Marks a string field as the id of another entity of one of the given kinds."""

    def __init__(self, *kinds: str):
        self.kinds = kinds

    def __repr__(self) -> str:
        return f"RefTo{self.kinds}"


ANY_KIND = ("person", "group", "faction", "event", "place", "source", "narrative")


def Ref(*kinds: str, description: str = ""):  # noqa: N802 - reads like a type
    """The type of a reference to an entity of one of `kinds` (any kind when none given)."""
    return Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80), RefTo(*(kinds or ANY_KIND)),
                     Field(description=description or f"id of a {' or '.join(kinds or ('any',))} entity")]


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80),
               Field(description="kebab-case ASCII id; must equal the file name without .yml")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]*\S[^\n]*$"),
                 AfterValidator(textcheck.check_plain), Field(description="plain text on one line")]


def _single_spaced(text: str) -> str:
    if text != " ".join(text.split()):
        raise ValueError(f"the office `{text}` has spaces at its start or end, or two in a row — write it with single spaces "
                         "between words (tenures of one office are compared by its words)")
    return text


# An office is compared across files (tenures of one office must not overlap): its words, single-spaced.
Office = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]*\S[^\n]*$"),
                   AfterValidator(textcheck.check_plain), AfterValidator(_single_spaced),
                   Field(description="plain text on one line, single-spaced")]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=6000), AfterValidator(textcheck.check_prose),
                  Field(description="text; **bold**, *italic*, [link](https://…) and [[entity-id]] links allowed")]
Edtf = Annotated[str, AfterValidator(dates.check),
                 Field(description="EDTF date at the source's precision: 2019-04-11, 2019-04, 2016~ (about), "
                                   "2018? (uncertain), 2017-22 (summer), [2015,2016] (one of)")]
# The end of a period: a date, or `..` when it is still going on (only ends may be open).
EdtfEnd = Annotated[str, AfterValidator(dates.check_end),
                    Field(description="EDTF date at the source's precision: 2019-04-11, 2019-04, 2016~ (about), "
                                      "2018? (uncertain), 2017-22 (summer), [2015,2016] (one of), .. (still going on)")]
# (a pattern JSON Schema validators read as ECMA-262 in Unicode mode too: no `\"` escape)
Url = Annotated[str, StringConstraints(pattern="^https?://[^\\s<>\"'`]+$", max_length=2000),
                Field(description="an http or https address")]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class Strict(BaseModel):
    """Base for every record: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Citation(Strict):
    """Where a statement comes from. With an archived source text, `quote` is required."""

    source: Ref("source", description="id of the source entity")
    quote: Union[Name, Prose, list[Prose], None] = Field(
        None, description="verbatim words from the source; a list of fragments when the text is interleaved "
                          "(two-column extractions); each fragment must be found in the archived text")
    locator: Name | None = Field(None, description='where in the source: "p. 197", "footnote 15", "abstract"')
    via: Ref("source", description="the source that cites this one, when the statement reaches us through it") | None = None

    @property
    def fragments(self) -> list[str]:
        """The quote as a list of fragments (empty when there is none)."""
        if self.quote is None:
            return []
        return [self.quote] if isinstance(self.quote, str) else list(self.quote)


Sources = Annotated[list[Citation], Field(min_length=1, description="at least one citation")]


class Topic(str, Enum):
    """The section of a militant-group profile a note belongs to."""

    overview = "overview"
    origins = "origins"
    leadership = "leadership"
    size = "size"
    finances = "finances"
    areas = "areas"
    tactics = "tactics"
    recruitment = "recruitment"
    propaganda = "propaganda"
    relationships = "relationships"
    counter_operations = "counter-operations"
    assessment = "assessment"
    biography = "biography"


class Note(Strict):
    """A sourced statement in prose."""

    text: Prose
    topic: Topic | None = Field(None, description="profile section this belongs to")
    date: Edtf | None = Field(None, description="when the statement applies, if it is about a time")
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list, description="narratives that contest this")


class AliasKind(str, Enum):
    abbreviation = "abbreviation"
    spelling = "spelling"
    nom_de_guerre = "nom-de-guerre"
    alias = "alias"
    full_name = "full-name"
    former_name = "former-name"
    translation = "translation"
    title = "title"


class Alias(Strict):
    """Another name or spelling, with who uses it."""

    name: Name
    kind: AliasKind = AliasKind.alias
    note: Name | None = Field(None, description='e.g. "used by the Taliban"')
    sources: Sources


class Status(Strict):
    """What is known of an entity's situation as of a date."""

    value: Literal["alive", "killed", "dead", "detained", "at-large", "active", "defunct", "unknown"]
    as_of: Edtf
    note: Prose | None = None
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list)


class EndedBy(str, Enum):
    killed = "killed"
    arrested = "arrested"
    surrendered = "surrendered"
    replaced = "replaced"
    removed = "removed"
    demoted = "demoted"
    resigned = "resigned"
    left = "left"
    died = "died"
    disputed = "disputed"
    unknown = "unknown"


def _check_order(start: str | None, end: str | None) -> None:
    if start and end and dates.is_before(end, start):
        raise ValueError(f"end `{end}` is before start `{start}` — check both dates, or swap them")


class Role(Strict):
    """A position a person held in a group: a membership or an office, with its tenure."""

    group: Ref("group", "faction")
    title: Name = Field(description='the title as the source gives it: "emir", "acting governor", "intelligence chief"')
    office: Office | None = Field(None, description='set for a single-holder office ("chief") to check that tenures do not overlap')
    ordinal: Count | None = Field(None, description="the holder's number in the succession, when a source numbers it")
    start: Edtf | None = None
    end: EdtfEnd | None = Field(None, description="omit when the sources do not say; `..` when still held")
    ended_by: EndedBy | None = Field(None, description="how the tenure ended")
    note: Prose | None = None
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _end_after_start(self):
        _check_order(self.start, self.end)
        return self


class Nationality(Strict):
    place: Ref("place")
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list)


class Entity(Strict):
    """Fields every kind has."""

    id: Id
    name: Name = Field(description="the most common name in the sources")
    aliases: list[Alias] = Field(default_factory=list)
    former_ids: list[Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]] = Field(
        default_factory=list, description="ids this entity had before a rename; their pages redirect here")
    notes: list[Note] = Field(default_factory=list)


class Person(Entity):
    """A person: a militant, an official, an analyst, an author."""

    nationality: list[Nationality] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    status: list[Status] = Field(default_factory=list)


class GroupType(str, Enum):
    militant_group = "militant-group"
    militant_faction = "militant-faction"
    state_agency = "state-agency"
    government = "government"
    armed_forces = "armed-forces"
    political_party = "political-party"
    political_movement = "political-movement"
    international_organization = "international-organization"
    research_organization = "research-organization"
    media_outlet = "media-outlet"
    propaganda_outlet = "propaganda-outlet"
    publisher = "publisher"
    other = "other"


class RelationType(str, Enum):
    branch_of = "branch-of"
    faction_of = "faction-of"
    split_from = "split-from"
    pledged_allegiance = "pledged-allegiance"
    supported = "supported"
    opposed = "opposed"
    ally = "ally"
    collaborates_with = "collaborates-with"
    rival = "rival"
    fought = "fought"
    recruits_from = "recruits-from"
    alleged_sponsor = "alleged-sponsor"
    alleged_links = "alleged-links"
    part_of = "part-of"


class Relation(Strict):
    """A dated, sourced relation from this group to another; alleged ones say who alleges and denies."""

    type: RelationType
    target: Ref("group", "faction")
    start: Edtf | None = None
    end: EdtfEnd | None = None
    alleged_by: list[Ref()] = Field(default_factory=list, description="who makes the claim, when it is an allegation")
    denied_by: list[Ref()] = Field(default_factory=list, description="who rejects it")
    note: Prose | None = None
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _end_after_start(self):
        _check_order(self.start, self.end)
        return self


class Parent(Strict):
    group: Ref("group", "faction")
    sources: Sources


class Founded(Strict):
    date: Edtf
    note: Prose | None = None
    sources: Sources


class Area(Strict):
    """A place where a group operates or is present."""

    place: Ref("place")
    start: Edtf | None = None
    end: EdtfEnd | None = None
    note: Prose | None = None
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list, description="narratives that contest this")


class Estimate(Strict):
    """A number as someone estimated it (fighters, provinces, recruits…), never averaged."""

    measure: Name = Field(description='what is counted: "fighters", "provinces with presence", "Keralites recruited"')
    low: Count | None = None
    high: Count | None = None
    text: Name = Field(description='the figure as the source words it: "about 7,000-8,500"')
    date: Edtf | None = Field(None, description="when the estimate applies")
    estimated_by: list[Ref()] = Field(default_factory=list)
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list, description="narratives that contest this")

    @model_validator(mode="after")
    def _range(self):
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"high {self.high} is below low {self.low} — swap them")
        return self


class Group(Entity):
    """An organization: militant group, state agency, government, outlet."""

    type: GroupType
    parent: Parent | None = Field(None, description="the group this is a branch or faction of")
    founded: Founded | None = None
    relations: list[Relation] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    estimates: list[Estimate] = Field(default_factory=list)
    status: list[Status] = Field(default_factory=list)


class Faction(Group):
    """A faction or sub-group: a group that must name its parent."""

    parent: Parent


class EventType(str, Enum):
    attack = "attack"
    arrest = "arrest"
    killing = "killing"
    announcement = "announcement"
    split = "split"
    surrender = "surrender"
    appointment = "appointment"
    operation = "operation"
    report = "report"
    estimate = "estimate"
    statement = "statement"
    agreement = "agreement"
    other = "other"


class Stance(str, Enum):
    claimed = "claimed"
    attributed = "attributed"
    suspected = "suspected"
    alleged = "alleged"
    denied = "denied"


class Attribution(Strict):
    """Who is said to be behind an event, by whom: claimed by the group, attributed or denied by others."""

    group: Ref("group", "faction", "person")
    stance: Stance
    by: list[Ref()] = Field(default_factory=list, description="who claims, attributes or denies it (the group itself for `claimed`)")
    note: Prose | None = None
    sources: Sources
    disputed_by: list[Ref("narrative")] = Field(default_factory=list)


class Casualties(Strict):
    """A casualty figure as given, with a range when the source gives one."""

    kind: Literal["killed", "injured", "arrested", "captured", "surrendered", "escaped", "affected"]
    low: Count | None = None
    high: Count | None = None
    text: Name = Field(description='the figure as worded: "at least 24", "over 90", "dozens"')
    by: list[Ref()] = Field(default_factory=list, description="who gives the figure, if the source says")
    sources: Sources

    @model_validator(mode="after")
    def _range(self):
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"high {self.high} is below low {self.low} — swap them")
        return self


class Participant(Strict):
    entity: Ref("person", "group", "faction")
    role: Name = Field(description='"arrested", "attacker", "killed", "announced", "spokesman"…')
    sources: Sources


class Event(Entity):
    """Something that happened on a date: attack, arrest, announcement, split, report."""

    type: EventType
    date: Edtf | None = Field(None, description="omit only when no source dates it; then say so in date_note")
    date_note: Prose | None = Field(None, description="how the date was established, e.g. why a year is inferred")
    end_date: EdtfEnd | None = None
    places: list[Ref("place")] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    casualties: list[Casualties] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    sources: Sources = Field(description="the sources reporting the event")
    disputed_by: list[Ref("narrative")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _end_after_start(self):
        _check_order(self.date, self.end_date)
        return self


class Within(Strict):
    """The larger place a place lies in: a statement like any other, so it is cited (a source that
    says so, or the `general-knowledge` source for plain geography no document states)."""

    place: Ref("place")
    sources: Sources


class Place(Entity):
    type: Literal["country", "region", "province", "state", "district", "city", "town", "village", "area", "site"]
    within: Within | None = None


class SourceKind(str, Enum):
    article = "article"
    analysis = "analysis"
    news_report = "news-report"
    wire_report = "wire-report"
    report = "report"
    book = "book"
    interview = "interview"
    un_report = "un-report"
    video = "video"
    web_page = "web-page"
    general_knowledge = "general-knowledge"  # not a document: what the editors state without one, shown as such


class Archive(Strict):
    """How the archived text in seeds/ was made from the document (written by `make source`)."""

    original_name: Name = Field(description="file name of the saved document the text was extracted from")
    original_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the saved document, to tell later whether a copy is the same file")
    text_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the archived text as written to seeds/")
    archived_on: Edtf = Field(description="the day the text was archived")
    extracted_with: Name = Field(description='the tool and version that extracted the text, e.g. "trafilatura 2.0.0"')
    warnings: list[Name] = Field(default_factory=list, description="where the extraction is likely lossy")


class Inferred(Strict):
    """A bibliographic field the document does not print, with why we infer it."""

    field: Literal["title", "authors", "publisher", "date", "url", "kind"]
    reason: Prose


class CitedIn(Strict):
    source: Ref("source", description="the document that cites this one")
    locator: Name | None = Field(None, description='e.g. "footnote 15"')


class Source(Entity):
    """A document the dossier cites; `archived_text` names its text under seeds/."""

    kind: SourceKind = Field(description=(
        "news-report: a news story by an outlet's reporters; wire-report: a news agency's story (IANS, Reuters); "
        "article: a signed piece that is not news (opinion, magazine feature); analysis: a researcher's or think tank's "
        "paper or commentary; report: a long institutional report; un-report: a United Nations document; "
        "interview; book; video; web-page: any other page; general-knowledge: no document (what editors state "
        "without one, shown as such)"))
    authors: list[Ref("person")] = Field(default_factory=list)
    publisher: Ref("group") | None = None
    date: Edtf | None = Field(None, description="publication date as the document gives it")
    url: Url | None = None
    accessed: Edtf | None = None
    archived_text: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*\.txt$")] | None = Field(
        None, description="file name of the archived text in seeds/")
    publish: Literal["full", "passages"] = Field(
        "passages", description="how much of the archived text the public site shows: `passages` (each cited passage with a "
                                "sentence either side; for copyrighted texts, the default) or `full` (the whole text, when its "
                                "licence allows). Quotes are checked against the whole text either way.")
    archive: Archive | None = Field(None, description="how the archived text was made (written by `make source`)")
    inferred: list[Inferred] = Field(default_factory=list)
    cited_in: list[CitedIn] = Field(default_factory=list)


class Version(Strict):
    """One side of a contested point: what is said, and who says it."""

    claim: Prose
    short: Name | None = Field(None, description='the version in a few words, as a clause that pages mentioning the disputed '
                                                 'statement show with its claimants: "taken in Kandahar", "surrendered in Kunar"')
    stance: Literal["asserts", "rejects", "questions"] = "asserts"
    claimants: list[Ref()] = Field(min_length=1)
    date: Edtf | None = None
    sources: Sources


class Narrative(Entity):
    """A contested claim or a disputed fact, with every version and its claimants."""

    type: Literal["contested-narrative", "disputed-fact"]
    question: Prose = Field(description="the point in dispute, neutrally worded")
    about: list[Ref()] = Field(min_length=1)
    versions: list[Version] = Field(min_length=2, description="every version, none privileged")


KINDS: dict[str, type[Entity]] = {
    "person": Person, "group": Group, "faction": Faction, "event": Event,
    "place": Place, "source": Source, "narrative": Narrative,
}
FOLDERS: dict[str, str] = {
    "people": "person", "groups": "group", "factions": "faction", "events": "event",
    "places": "place", "sources": "source", "narratives": "narrative",
}
FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
# Names the site generates itself in every entity folder (`people/index.md`, the kind's index). An
# entity's page is `<folder>/<id>.md` and a former id's redirect `<folder>/<former id>.md`, so no
# id or former id may be one of these.
GENERATED_NAMES = frozenset({"index"})

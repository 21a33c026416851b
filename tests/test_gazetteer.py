from collections import Counter

import pytest

from industry_graph.gazetteer import GazetteerError, company_homes, company_kinds, load_gazetteer, read_entities
from industry_graph.models import ENTITY_TYPES
from industry_graph.names import normalise


def test_shipped_gazetteer_is_large_and_well_formed(gazetteer):
    ents = list(gazetteer.entities.values())
    assert len(ents) >= 200
    assert {e.type for e in ents} == set(ENTITY_TYPES)
    assert len({e.id for e in ents}) == len(ents)


def test_every_alias_belongs_to_one_entity_or_is_marked_ambiguous(gazetteer):
    owners = Counter()
    for e in gazetteer.entities.values():
        for s in {normalise(x) for x in (e.name, *e.aliases)}:
            owners[s] += 1
    assert [s for s, n in owners.items() if n > 1] == []
    ambiguous = {normalise(a) for e in gazetteer.entities.values() for a in e.ambiguous}
    assert not ambiguous & set(owners)


def test_every_maker_is_a_known_organisation_and_only_products_and_facilities_have_one(gazetteer):
    made = {e.id: e.maker for e in gazetteer.entities.values() if e.maker}
    assert len(made) >= 50
    # a facility's maker is the organisation that builds or runs it
    assert {gazetteer.entities[e].type for e in made} == {"PRODUCT", "FACILITY"}
    assert {gazetteer.entities[m].type for m in made.values()} == {"ORG"}
    assert made["chatgpt"] == "openai" and made["claude"] == "anthropic"
    assert made["colossus"] == "xai" and made["project-rainier"] == "amazon"


def test_every_company_kind_names_a_known_organisation_specifically(gazetteer):
    kinds = company_kinds()
    assert len(kinds) >= 200
    assert {gazetteer.entities[eid].type for eid in kinds} == {"ORG"}
    phrases = {p for ps in kinds.values() for p in ps}
    # a description that could stand for any company would pick the last one named, right or not
    assert not phrases & {"company", "firm", "startup", "start-up", "group", "business", "giant", "lab",
                          "developer", "maker", "provider", "investor", "tech giant"}
    assert all(p == p.lower().strip() and 1 <= len(p.split()) <= 3 for p in phrases)
    assert "chipmaker" in kinds["nvidia"] and "search giant" in kinds["google"]


def test_every_company_home_is_a_known_organisation_in_named_places(gazetteer):
    homes = company_homes()
    assert len(homes) >= 1900
    assert {gazetteer.entities[eid].type for eid in homes} == {"ORG"}
    # lower-cased place names, a city first, never a continent
    assert all(places and all(p == p.lower().strip() and p for p in places) for places in homes.values())
    assert not {p for places in homes.values() for p in places} & {"europe", "asia", "africa", "north america"}
    assert homes["microsoft"] == {"redmond", "washington", "united states", "us", "u.s."}


def test_user_file_can_name_a_products_maker(tmp_path):
    f = tmp_path / "mine.jsonl"
    f.write_text('{"id": "quill-1", "name": "Quill-1", "type": "PRODUCT", "maker": "openai"}\n')
    assert load_gazetteer([f]).entities["quill-1"].maker == "openai"


def test_user_file_adds_entities_and_aliases(tmp_path):
    f = tmp_path / "mine.jsonl"
    f.write_text('{"name": "Quillfeather Labs", "type": "ORG", "aliases": ["Quillfeather"]}\n')
    gaz = load_gazetteer([f])
    assert gaz.lookup("quillfeather").name == "Quillfeather Labs"
    assert gaz.lookup("Anthropic").type == "ORG"


def test_bad_user_file_names_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"name": "A", "type": "ORG"}\n{"name": "B", "type": "COMPANY"}\n')
    with pytest.raises(GazetteerError, match=r"bad\.jsonl:2: type 'COMPANY'"):
        read_entities(f)


def test_ruler_tags_gazetteer_entities_the_model_misses(nlp):
    doc = nlp("SpaceX and Anthropic signed a deal.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("SpaceX", "ORG", "spacex"), ("Anthropic", "ORG", "anthropic")]


def test_state_abbreviation_in_a_dateline_is_the_state_not_a_company(nlp):
    # the statistical tagger alone calls 'S.D.' an organisation, and the story's topic then goes to it
    doc = nlp("BROOKINGS, S.D. - Daltek said on Wednesday that orders picked up. It moved from Menlo Park, Calif.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents if e.ent_id_] == [
        ("S.D.", "GPE", "south-dakota"), ("Menlo Park", "GPE", "menlo-park"), ("Calif.", "GPE", "california")]

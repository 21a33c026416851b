"""A company's short name after its full one ('Figure' after 'Figure AI') is that company."""


def _orgs(nlp, text):
    return [(e.text, e.ent_id_) for e in nlp(text).ents if e.label_ == "ORG"]


def test_short_name_after_the_full_one_is_the_same_company(nlp):
    text = "Figure AI raised $1 billion last year. Brett Adcock, who founded Figure in 2022, spoke on Tuesday."
    assert _orgs(nlp, text) == [("Figure AI", "figure-ai"), ("Figure", "figure-ai")]


def test_short_name_is_not_taken_at_a_sentence_start_before_a_name_or_in_a_headline(nlp):
    text = ("Figure AI raised $1 billion last year.\n"
            "Figure Skating Fans Cheer As Robots Figure In Olympic Show\n"
            "Figure 3 shows the robot. Its Figure Eight test was hard.")
    assert _orgs(nlp, text) == [("Figure AI", "figure-ai")]


def test_founded_by_short_name(facts_of):
    facts = facts_of("Figure AI raised $1 billion last year. Brett Adcock, who founded Figure in 2022, "
                     "spoke on Tuesday.")
    assert {(h, r, t) for h, r, t, s in facts} == {("Brett Adcock", "founded", "Figure AI")}


def test_an_acronym_is_not_taken_for_a_short_name(nlp):
    text = "IBM founded the AI Alliance with Meta. Its AI business grew."
    assert [t for t, _ in _orgs(nlp, text)] == ["IBM", "AI Alliance", "Meta"]


def test_short_name_the_tagger_took_for_a_person_is_the_company(nlp):
    text = "Corvid Labs raised $40 million. Tessera, the system Corvid is building, will open in May."
    assert _orgs(nlp, text) == [("Corvid Labs", ""), ("Corvid", "")]


def test_short_name_stays_a_person_when_the_article_names_one_with_it(nlp):
    text = "Nous Research hired Dr. Maya Nous as chief scientist. Later, Nous said the lab would grow."
    assert [(e.text, e.label_) for e in nlp(text).ents if e.text.startswith(("Nous", "Maya"))] == [
        ("Nous Research", "ORG"), ("Maya Nous", "PERSON"), ("Nous", "PERSON")]


def test_ambiguous_form_names_its_owner_after_the_full_name(nlp):
    text = "Eli Lilly hired forty chemists. Lilly said the Lilly Endowment gave nothing."
    assert _orgs(nlp, text) == [("Eli Lilly", "eli-lilly"), ("Lilly", "eli-lilly"), ("the Lilly Endowment", "")]


def test_ambiguous_form_is_left_alone_before_the_full_name_and_beside_a_person_of_that_name(nlp):
    # (the tagger's own guess stands)
    assert _orgs(nlp, "Lilly shares rose. Eli Lilly hired chemists.") == [("Lilly", ""), ("Eli Lilly", "eli-lilly")]
    text = "Ford Motor hired Harrison Ford. Ford said the deal was done."
    assert _orgs(nlp, text) == [("Ford Motor", "ford-motor"), ("Ford", "")]


def test_a_name_described_as_a_company_is_that_company_wherever_it_stands(nlp):
    text = ("Clio, the Canadian maker of practice software, agreed to buy vLex. "
            "Clio said the deal would close in June.")
    assert [t for t, _ in _orgs(nlp, text)] == ["Clio", "vLex", "Clio"]


def test_a_closing_the_company_said_describes_no_name(nlp):
    from industry_graph.shortnames import _described_as_company
    from industry_graph.syntax import ORG_DESCRIPTIONS
    said = nlp("The engineers will move to Kenilworth, the company said.")
    described = nlp("Clio, the Canadian maker of practice software, agreed to buy vLex.")
    place = next(t for t in said if t.text == "Kenilworth")
    name = next(t for t in described if t.text == "Clio")
    assert not _described_as_company(said, said[place.i:place.i + 1], ORG_DESCRIPTIONS)
    assert _described_as_company(described, described[name.i:name.i + 1], ORG_DESCRIPTIONS)


def test_one_word_name_tagged_a_company_once_and_written_often_is_one_throughout(nlp):
    from spacy.tokens import Span
    from industry_graph.shortnames import repeated_names
    text = ("Daktronics said orders rose. Analysts liked the plan Daktronics made. Al Kurtenbach founded "
            "Daktronics in 1968. Investors bought Daktronics shares.")
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == "Daktronics" and t.i > 5)
    ents = [Span(doc, first, first + 1, label="ORG")]        # the tagger's one company, as in a real story
    found = [(e.start, e.text, e.label_) for e in repeated_names(doc, ents, [])]
    assert [(t, label) for _, t, label in found] == [("Daktronics", "ORG")] * 4
    # written in lower case somewhere, or fewer than four times, it is left as the tagger had it
    doc = nlp(text.replace("Analysts liked", "Analysts liked daktronics and"))
    first = next(t.i for t in doc if t.text == "Daktronics" and t.i > 5)
    assert len(repeated_names(doc, [Span(doc, first, first + 1, label="ORG")], [])) == 1


def test_a_name_built_on_a_possessive_is_one_name_wherever_it_stands(nlp):
    text = ("Bobbie said it had bought Nature's One, an Ohio formula maker. Nature's One will keep its "
            "plant, and Nature's One staff will stay. Nature Made, another brand, was not part of it.")
    assert [t for t, _ in _orgs(nlp, text)].count("Nature's One") == 3
    # written once with nothing set beside it, or with the word alone elsewhere, the possessive is
    # left to own what follows
    once = "Bobbie said it had bought Nature's One last year."
    assert "Nature's One" not in [t for t, _ in _orgs(nlp, once)]
    alone = text.replace("Nature Made, another brand,", "Nature, a magazine,")
    assert "Nature's One" not in [t for t, _ in _orgs(nlp, alone)]
    # once, with a company noun set beside it
    assert ("Pilgrim's Pride", "") in _orgs(nlp, "Pilgrim's Pride, the chicken producer, is based in Greeley.")


def test_a_place_built_on_a_possessive_names_the_site_after_it(facts_of):
    text = ("Vale Base Metals runs the Voisey's Bay mine in Labrador. The company's Voisey's Bay mine "
            "has moved underground.")
    assert facts_of(text) == {("Vale Base Metals", "operates", "Voisey's Bay mine", "stated"),
                              ("Voisey's Bay mine", "located_in", "Labrador", "stated")}


def test_a_company_word_the_tagger_took_for_a_name_names_nothing(facts_of):
    # ('cooperatives' tagged as a company: no partnership of the two that agreed to merge)
    text = ("Arla Foods and DMK Group have agreed to merge, the two dairy cooperatives said on Wednesday, "
            "bringing together about 12,000 farmer-owners.")
    assert facts_of(text) == set()


def test_a_name_set_beside_the_country_s_largest_co_operative_is_a_company(facts_of):
    text = ("Saputo, the Canadian dairy group, bought Murray Goulburn, the country's largest dairy "
            "co-operative, in 2018.")
    assert facts_of(text) == {("Saputo", "acquires", "Murray Goulburn", "stated")}

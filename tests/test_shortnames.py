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

from industry_graph.gazetteer import Gazetteer
from industry_graph.models import Entity, Mention
from industry_graph.names import normalise, strip_suffix
from industry_graph.resolve import ArticleResolver


def test_normalise_follows_schema_rules():
    assert normalise("The OpenAI, Inc.") == "openai"
    assert normalise("SpaceX's") == "spacex"
    assert normalise("Nvidia Corp.") == "nvidia"
    assert normalise("Dr. Fei-Fei Li") == "fei fei li"


def test_strip_suffix_keeps_one_word_names():
    assert strip_suffix("Scale AI Inc.") == "Scale AI"
    assert strip_suffix("Corp") == "Corp"


def test_surname_resolves_to_full_name_of_same_article():
    ms = [Mention("Dario Amodei", "PERSON", 0, 12), Mention("Amodei", "PERSON", 50, 56)]
    r = ArticleResolver(Gazetteer(), ms)
    assert r.resolve(ms[1]).name == "Dario Amodei"


def test_dateline_capitals_give_way_to_the_name_as_the_story_writes_it():
    # 'FRAMINGHAM, Mass. -- ... The Framingham-based company': one place, named as the story writes it
    ms = [Mention("FRAMINGHAM", "PLACE", 0, 10), Mention("Framingham", "PLACE", 80, 90)]
    r = ArticleResolver(Gazetteer(), ms)
    assert r.resolve(ms[0]) is r.resolve(ms[1])
    assert r.resolve(ms[0]).name == "Framingham"


def test_ambiguous_surname_stays_apart_when_two_full_names_share_it():
    ms = [Mention("Dario Amodei", "PERSON", 0, 12), Mention("Daniela Amodei", "PERSON", 20, 34),
          Mention("Amodei", "PERSON", 50, 56)]
    r = ArticleResolver(Gazetteer(), ms)
    assert r.resolve(ms[2]).name == "Amodei"


def test_gazetteer_alias_gives_canonical_entity():
    gaz = Gazetteer()
    gaz.add(Entity("amazon-web-services", "Amazon Web Services", "ORG", ("AWS",)))
    r = ArticleResolver(gaz, [Mention("AWS", "ORG", 0, 3)])
    assert r.resolve(Mention("AWS", "ORG", 0, 3)).id == "amazon-web-services"


def test_acronym_spelled_out_in_the_article_beats_the_gazetteer():
    gaz = Gazetteer()
    gaz.add(Entity("competition-and-markets-authority", "Competition and Markets Authority", "ORG", ("CMA",)))
    ms = [Mention("Credit Market Analysis Ltd.", "ORG", 0, 27), Mention("CMA", "ORG", 40, 43)]
    r = ArticleResolver(gaz, ms)
    assert r.resolve(ms[1]).name == "Credit Market Analysis"
    assert ArticleResolver(gaz, ms[1:]).resolve(ms[1]).name == "Competition and Markets Authority"


def test_clean_surface_drops_article_possessive_and_former_prefix():
    from industry_graph.names import clean_surface
    assert clean_surface("the SpaceX's") == "SpaceX"
    assert clean_surface("ex-Ritual Entertainment") == "Ritual Entertainment"
    assert clean_surface("Qatar Petroleum (QP") == "Qatar Petroleum"


def test_clean_surface_keeps_a_possessive_inside_a_name():
    from industry_graph.names import clean_surface
    assert clean_surface("Dick's Sporting Goods") == "Dick's Sporting Goods"
    assert clean_surface("Dick's") == "Dick"
    assert clean_surface("Nvidia's chips") == "Nvidia chips"


def test_a_works_takes_its_noun_with_or_without_an_owner(nlp):
    def facilities(text):
        return [e.text for e in nlp(text).ents if e.label_ == "FAC"]
    assert facilities("Output at Brackwater Foods' Dunmore plant in Ohio doubled.") == ["Dunmore plant"]
    assert facilities("Holtec International will restart the Sandgate plant in Oregon.") == ["Sandgate plant"]
    assert facilities("Carlsberg will upgrade its Fredericia brewery first.") == ["Fredericia brewery"]


def test_short_name_stays_apart_from_a_name_joining_it_to_another_company():
    # 'Callaway bought Topgolf ... Topgolf Callaway Brands': the name of the pair is not Topgolf's longer name
    ms = [Mention("Topgolf Callaway Brands", "ORG", 0, 23), Mention("Callaway", "ORG", 40, 48),
          Mention("Topgolf", "ORG", 60, 67)]
    r = ArticleResolver(Gazetteer(), ms)
    assert r.resolve(ms[2]).name == "Topgolf"
    assert r.resolve(ms[1]).name == "Callaway"
    # without the other company named alone, the short name is the longer one's, as before
    ms = [Mention("Topgolf Callaway Brands", "ORG", 0, 23), Mention("Topgolf", "ORG", 60, 67)]
    assert ArticleResolver(Gazetteer(), ms).resolve(ms[1]).name == "Topgolf Callaway Brands"


def test_capitalised_contraction_without_apostrophe_is_a_name(nlp):
    """The English rules split 'Ive' into 'I' + 've'; a capitalised such word in news is a name."""
    words = [t.text for t in nlp.tokenizer("Jony Ive left Apple; Id Software and Im Jae-won did not. I've seen it.")]
    assert words[:3] == ["Jony", "Ive", "left"]
    assert "Id" in words and "Im" in words
    assert words[-5:] == ["I", "'ve", "seen", "it", "."]
    assert [t.text for t in nlp.tokenizer("Cannot stop")] == ["Can", "not", "stop"]


def test_a_share_of_a_company_opens_no_name(nlp):
    """"Much of Urgently's revenue ...", tagged as one company 'Much of Urgently': the name starts
    after the share's 'of'."""
    from spacy.tokens import Doc

    from industry_graph.spans import _trimmed
    words = ["Much", "of", "Urgently", "'s", "revenue", "comes", "from", "clients", "."]
    doc = Doc(nlp.vocab, words=words, ents=["B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"],
              pos=["ADJ", "ADP", "PROPN", "PART", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
              sent_starts=[True] + [False] * 8)
    assert _trimmed(doc, doc.ents[0]).text == "Urgently"
    assert _trimmed(doc, doc[2:3]).text == "Urgently"


def test_a_headline_short_name_does_not_come_before_the_full_name():
    # 'Lucara recovers ...' above the story, 'Lucara Diamond has recovered ...' opening it
    ms = [Mention("Lucara", "ORG", 0, 6), Mention("Lucara Diamond", "ORG", 100, 114), Mention("Lucara", "ORG", 200, 206)]
    assert ArticleResolver(Gazetteer(), ms, opening=50).resolve(ms[2]).name == "Lucara Diamond"
    assert ArticleResolver(Gazetteer(), ms).resolve(ms[2]).name == "Lucara"


def test_a_longer_name_first_written_after_three_short_uses_is_its_own():
    # 'Nidec' four times, then 'renamed them Nidec Machine Tool, which is now its machine-tool arm'
    ms = [Mention("Nidec", "ORG", k, k + 5) for k in (0, 100, 200, 300)] + [Mention("Nidec Machine Tool", "ORG", 400, 418)]
    r = ArticleResolver(Gazetteer(), ms)
    assert r.resolve(ms[0]).name == "Nidec"
    assert r.resolve(ms[4]).name == "Nidec Machine Tool"


def test_the_story_starts_at_its_first_full_sentence_line():
    from industry_graph.pipeline import story_start
    text = "TRADE WIRE\nLucara recovers a large diamond\nBy A. Writer\n\nGABORONE — Lucara Diamond has recovered a very large stone at its mine, it said.\n"
    assert story_start(text) == text.index("GABORONE")
    assert story_start("Short.") == 0

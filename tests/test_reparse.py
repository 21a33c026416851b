"""The tree a name gets when the parser misread the noun that describes it (reparse.py)."""
import pytest


def _tree(doc):
    return [(t.text, t.dep_, t.head.text) for t in doc]


def _no_cycle(doc):
    for t in doc:
        seen = set()
        while t.head.i != t.i:
            assert t.i not in seen, f"cycle through {t.text!r}"
            seen.add(t.i)
            t = t.head


def test_description_read_as_a_verb(nlp):
    doc = nlp("Meta acquired the chip startup Rivos in October.")
    _no_cycle(doc)
    assert _tree(doc)[2:7] == [("the", "det", "Rivos"), ("chip", "compound", "startup"),
                               ("startup", "compound", "Rivos"), ("Rivos", "dobj", "acquired"),
                               ("in", "prep", "acquired")]


def test_description_as_second_object(nlp):
    doc = nlp("SoftBank agreed to buy chip designer Ampere Computing last spring.")
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["designer"] == ("compound", "Ampere Computing")
    assert tree["Ampere Computing"] == ("dobj", "buy")


@pytest.mark.parametrize("text, word, expected", [
    # a clause about the description: the name is that clause's subject
    ("Annapurna Labs, the chip designer Amazon bought in 2015, makes Trainium.", "Amazon", ("nsubj", "bought")),
    # a coordination the parser got wrong in another way is left as the parser made it
    ("It later announced similar sites in Norway with British cloud company Nscale and Norwegian industrial group"
     " Aker, and in Britain.", "Nscale",
     ("amod", "Aker")),
])
def test_left_alone(nlp, text, word, expected):
    tree = dict((w, (d, h)) for w, d, h in _tree(nlp(text)))
    assert tree[word] == expected


def test_subject_hung_on_born_as_an_adverb(nlp):
    """'Ama Owusu (born 8 April 1938) is ...' read with the name as an adverb of 'born' and the bracket
    as the subject of 'is': the name becomes the subject, the bracket a clause about it."""
    from spacy.tokens import Doc

    from industry_graph.reparse import _subject_hung_in_brackets
    words = ["Ama Owusu", "(", "born", "8 April 1938", ")", "is", "a", "Ghanaian", "diplomat", "."]
    doc = Doc(nlp.vocab, words=words, heads=[2, 2, 5, 2, 2, 5, 8, 8, 5, 5],
              deps=["npadvmod", "punct", "csubj", "advmod", "punct", "ROOT", "det", "amod", "attr", "punct"],
              pos=["PROPN", "PUNCT", "VERB", "NOUN", "PUNCT", "AUX", "DET", "ADJ", "NOUN", "PUNCT"],
              ents=["B-PERSON", "O", "O", "B-DATE", "O", "O", "O", "B-NORP", "O", "O"])
    _subject_hung_in_brackets(doc, doc[0])
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["Ama Owusu"] == ("nsubj", "is")
    assert tree["born"] == ("acl", "Ama Owusu")


def test_title_with_bracketed_short_form(nlp):
    """'the Chief Design Officer (CDO) of Apple': the short form in brackets is the title's apposition,
    not the head the title and its 'of' hang on."""
    doc = nlp("Jonah Ive is the Chief Design Officer (CDO) of Apple Inc.")
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["Officer"] == ("attr", "is")
    assert tree["CDO"] == ("appos", "Officer")
    assert tree["of"] == ("prep", "Officer")


def test_prep_hung_on_a_set_off_name(nlp):
    """'sold its fresh-cut business, Renaissance Food Group, to Gold Star Foods': the 'to' is the verb's."""
    doc = nlp("Halvorsen sold its fresh-cut business, Renaissance Food Group, to Gold Star Foods for $83 million.")
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["Renaissance Food Group"] == ("appos", "business")
    assert tree["to"] == ("prep", "sold")


def test_owned_noun_hung_on_its_owner(nlp):
    """'Lumora, Chicken of the Sea's main rival on American shelves, is owned by ...' read with the
    owner in apposition to the subject and 'rival' hung on the owner: 'rival' is the apposition, the
    owner its possessor."""
    from spacy.tokens import Doc

    from industry_graph.reparse import _owned_noun_hung_on_owner
    words = ["Lumora", ",", "Chicken of the Sea", "'s", "main", "rival", "on", "American", "shelves", ",", "is",
             "owned", "by", "Kanto Foods", "."]
    doc = Doc(nlp.vocab, words=words, heads=[11, 0, 0, 2, 5, 2, 5, 8, 6, 0, 11, 11, 11, 12, 11],
              deps=["nsubjpass", "punct", "appos", "case", "amod", "pobj", "prep", "amod", "pobj", "punct",
                    "auxpass", "ROOT", "agent", "pobj", "punct"],
              pos=["PROPN", "PUNCT", "PROPN", "PART", "ADJ", "NOUN", "ADP", "ADJ", "NOUN", "PUNCT", "AUX", "VERB",
                   "ADP", "PROPN", "PUNCT"],
              tags=["NNP", ",", "NNP", "POS", "JJ", "NN", "IN", "JJ", "NNS", ",", "VBZ", "VBN", "IN", "NNP", "."],
              ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "O", "B-NORP", "O", "O", "O", "O", "O", "B-ORG", "O"])
    _owned_noun_hung_on_owner(doc, doc[2])
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["rival"] == ("appos", "Lumora")
    assert tree["Chicken of the Sea"] == ("poss", "rival")
    assert tree["main"] == ("amod", "rival")


def test_description_read_as_second_object(nlp):
    """'She wants more revenue from Beacon Suite, the software Siemens makes for stadiums' read with
    'the software' a second object of 'wants': it describes the name before the comma."""
    from spacy.tokens import Doc

    from industry_graph.reparse import _description_read_as_second_object
    words = ["She", "wants", "more", "revenue", "from", "Beacon Suite", ",", "the", "software", "Siemens", "makes",
             "for", "stadiums", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 3, 4, 1, 8, 1, 10, 8, 10, 11, 1],
              deps=["nsubj", "ROOT", "amod", "dobj", "prep", "pobj", "punct", "det", "dobj", "nsubj", "relcl",
                    "prep", "pobj", "punct"],
              pos=["PRON", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "PROPN", "VERB", "ADP",
                   "NOUN", "PUNCT"],
              ents=["O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O", "O"])
    _description_read_as_second_object(doc, doc[8])
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["software"] == ("appos", "Beacon Suite")
    assert tree["makes"] == ("relcl", "software")
    # (an object that is not set off after a name is left alone)
    doc = Doc(nlp.vocab, words=["She", "sold", "the", "shares", "and", "the", "software", "."],
              heads=[1, 1, 3, 1, 3, 6, 3, 1], deps=["nsubj", "ROOT", "det", "dobj", "cc", "det", "conj", "punct"],
              pos=["PRON", "VERB", "DET", "NOUN", "CCONJ", "DET", "NOUN", "PUNCT"])
    _description_read_as_second_object(doc, doc[6])
    assert _tree(doc)[6] == ("software", "conj", "shares")


def test_name_before_a_date_is_the_prepositions_object(nlp):
    doc = nlp("Vinci signed an agreement with EDF last year to buy power from its dams.")
    _no_cycle(doc)
    tree = dict((w, (d, h)) for w, d, h in _tree(doc))
    assert tree["EDF"] == ("pobj", "with")
    assert tree["last year"] == ("npadvmod", "signed")


def test_contact_verb_read_as_noun(nlp):
    """"Sunfield Poultry, the chicken producer Marfrig controls, is based in Denton" read with
    'controls' a noun beside 'producer': it is a clause about the producer, Marfrig its subject."""
    from spacy.tokens import Doc

    from industry_graph.reparse import _contact_verb_read_as_noun
    words = ["Sunfield Poultry", ",", "the", "chicken", "producer", "Marfrig", "controls", ",", "is", "based", "in",
             "Denton", "."]
    doc = Doc(nlp.vocab, words=words, heads=[9, 0, 4, 4, 0, 6, 4, 0, 9, 9, 9, 10, 9],
              deps=["nsubjpass", "punct", "det", "compound", "appos", "compound", "appos", "punct", "auxpass", "ROOT",
                    "prep", "pobj", "punct"],
              pos=["PROPN", "PUNCT", "DET", "NOUN", "NOUN", "PROPN", "NOUN", "PUNCT", "AUX", "VERB", "ADP", "PROPN",
                   "PUNCT"],
              tags=["NNP", ",", "DT", "NN", "NN", "NNP", "NNS", ",", "VBZ", "VBN", "IN", "NNP", "."],
              ents=["B-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "B-GPE", "O"])
    _contact_verb_read_as_noun(doc, doc[6])
    _no_cycle(doc)
    assert (doc[6].pos_, doc[6].dep_, doc[6].head.text, doc[6].lemma_) == ("VERB", "relcl", "producer", "control")
    assert (doc[5].dep_, doc[5].head.text) == ("nsubj", "controls")

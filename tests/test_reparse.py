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

"""Possessives -> their owners: "SpaceX's cluster" -> SpaceX, 'its backers' -> the clause's subject
(or, where that cannot own, the organisation named before), "Ghodsi, Databricks' chief executive"
read the way the parser gets it wrong."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import verb_args
from .coref import (antecedent, backed_round, describes_person, earlier_organisation, is_anaphor, opens_sentence,
                    owner_of_examples, started_by_subject, subject_owners)
from .lexicon import Lexicon, load_lexicon
from .phrases import listed_before, np_entities
from .syntax import AS_ORG, COPULAS, PART_DESCRIPTIONS, POSS_PRONOUNS, SUBJ, SURNAMES, etype, governing_verb, sentence

HIRING_VERBS = frozenset({"hire", "poach", "recruit", "lure", "headhunt"})
LEASING_VERBS = frozenset({"sign", "take", "lease", "rent", "ink"})


def resolve_possessive(pron: Token, lex: Lexicon) -> list[Token]:
    """'its' / 'their' -> the subject of the clause it stands in; a person cannot be 'its', so
    then the nearest organisation before it ('Huang, who co-founded Nvidia and remains its CEO')."""
    if pron.lower_ in ("its", "their") and pron.head.dep_ == "conj" and etype(pron.head.head) == "ORG":
        return [pron.head.head]      # 'OpenAI and its backer Microsoft': the name it is listed after
    if pron.lower_ in ("its", "their") and pron.head.dep_ in ("compound", "amod", "nmod") \
            and pron.head.head.dep_ == "conj" and etype(pron.head.head.head) == "ORG" and pron.head.head.i > pron.i:
        return [pron.head.head.head]     # 'Udio and its rival Suno', with 'rival' hung on the name
    if pron.lower_ == "its" and (listed := listed_before(pron)) is not None:
        return [listed]     # 'BlackRock, its arm Global Infrastructure Partners, Microsoft and MGX'
    if pron.lower_ == "its" and (owner := owner_of_examples(pron)) is not None:
        return [owner]      # "on Nvidia's software, including its NeMo platform"
    v = governing_verb(pron.head) if pron.head.pos_ not in ("VERB", "AUX") else pron.head
    found = [e for s in verb_args(v)["subj"] for e in np_entities(s, lex)] if v is not None else []
    # not the phrase the pronoun stands in: 'developed by its Google DeepMind research unit'
    found = [e for e in found if not pron.head.left_edge.i <= e.i <= pron.head.right_edge.i]
    # (nor a company named inside a description of people: 'The Marlow family controls 30% ... through
    # Ketch Holdings, its holding company')
    found = [e for e in found if not describes_person(e)]
    # (nor a name that only modifies a thing: 'NBA cards brought in a fifth of the revenue of Panini
    # America, its American unit')
    found = [e for e in found if not (_modifies_thing(e) and any(e in s.subtree for s in verb_args(v)["subj"]))]
    if v is not None and pron.head.dep_ == "nsubjpass" and pron.head.head == v:
        found = []      # 'Its round was led by Thrive Capital': the agent does not own the subject
    hirer = said_of = []
    if v is not None and pron.head.dep_ == "dobj" and pron.head.head == v and v.lemma_.lower() in HIRING_VERBS:
        hirer, found = found, []    # 'Meta ... hired its founder': a company does not hire its own founder
    if v is not None and backed_round(pron):
        hirer, found = found, []    # 'Jump Capital led its Series A round': the raiser's round
    if v is not None and v.lemma_.lower() in LEASING_VERBS and found and any(
            o.lemma_.lower() in ("lease", "space", "capacity") for o in verb_args(v)["obj"]) \
            and not any(pron in s.subtree for s in verb_args(v)["subj"]) and not _lease_with(v):
        hirer, found = found, []    # 'Oracle signed a lease for Frontier, its campus': the landlord's campus
    if v is not None and v.lemma_ in COPULAS and _complement_of(pron.head, v) \
            and not any(c.lower_ == "own" for c in pron.head.children):
        # 'Amazon is its largest investor', 'AWS remains its main cloud provider': the subject is not
        # what it is said of ('OpenAI is its own biggest customer' is)
        hirer, found, said_of = found, [], found
    if pron.head.dep_ == "pobj" and pron.head.head.lower_ == "as" and pron.lower_ in ("its", "their") \
            and v is not None and not any(c.dep_ == "dobj" for c in v.children):
        # 'Annapurna now operates as its chip unit': not its own unit (but 'Inflection named Sean
        # White as its chief executive')
        hirer, found = found, []
    if pron.lower_ in ("its", "their"):
        # ('Neste separated from its parent company', the name taken for a person's: 'its' makes it a
        # company, if it is one word the gazetteer and the article do not know as a person)
        for e in found:
            if etype(e) == "PERSON" and " " not in e.text and not e.ent_id_ \
                    and e.text not in e.doc.user_data.get(SURNAMES, ()) and pron.lower_ == "its" and len(found) == 1:
                e.doc.user_data.setdefault(AS_ORG, set()).add(e.i)
        # (nor a product: 'AndesGPT, ... trained and served from its Binhai Bay data centre')
        found = [e for e in found if etype(e) not in ("PERSON", "PRODUCT")]
        if not found:
            # not the noun the pronoun's phrase stands beside: 'against Google, its main rival'
            beside = pron.head.head.i if pron.head.dep_ == "appos" else -1
            # (nor a name that only describes a person or a thing: 'Tang Jie, a Tsinghua professor, is
            # among its co-founders')
            before = [t for t in sentence(pron) if t.i < pron.i and etype(t) == "ORG" and t.i != beside
                      and t not in hirer and not describes_person(t) and not _modifies_thing(t)]
            if said_of:
                # ('Intel Capital, the venture arm of Intel, was one of its earliest investors': nor a
                # name inside the phrase of the subject it is said of)
                # (but 'Advent, the firm that bought CCC in 2017, is still its largest shareholder' is CCC's)
                # ('Alibaba Cloud, Alibaba Group's cloud-computing unit, is one of its main suppliers')
                inside = {w.i for s in verb_args(v)["subj"] for w in s.subtree if w.dep_ == "pobj"
                          and w.head.lower_ == "of" and w.head.head.lemma_.lower() in PART_DESCRIPTIONS
                          or w.dep_ == "poss" and w.head.dep_ == "appos" and w.head.lemma_.lower() in PART_DESCRIPTIONS}
                before = [t for t in before if t.i not in inside]
            # 'Google competes with Anthropic through its own models', parsed with 'competes' as a
            # noun: the name before the sentence's head word is its subject, and the likelier owner
            subjects = [t for t in before if t.dep_ in SUBJ or opens_sentence(t) or t.dep_ in ("compound", "nmod")
                        and t.head.dep_ == "ROOT" and t.head.pos_ in ("NOUN", "PROPN", "VERB") and t.i < t.head.i]
            if not subjects and pron.head.dep_ in SUBJ and (clause := pron.head.head).dep_ == "conj":
                # "Mistral's models compete with those of OpenAI, and its Le Chat assistant ...": the
                # owner of the first clause's subject
                subjects = subject_owners(before, clause)
            # ('The Hangzhou-based company was founded by Wang Xingxing, who is still its chief
            # executive': the company a description opening the sentence stands for)
            # ('Moiloa co-founded the company with Jade Abbott, its chief technology officer': or the one
            # a description as the object stands for, when a person is the subject)
            described = [a for t in sentence(pron) if t.i < pron.i and t.lower_ != "it"
                         and (t.dep_ in SUBJ or t.dep_ == "dobj" and t.head == v)
                         and is_anaphor(t, lex) for a in antecedent(t) if etype(a) == "ORG"][:1] \
                if not before and not any(etype(x) == "ORG" for x in said_of) else []
            # ('puts UiPath in competition with Salesforce and Microsoft, as well as with its rival
            # Automation Anywhere': the verb's object before the names listed in a phrase)
            objects = [t for t in before if t.dep_ == "dobj" and v is not None and t.head.i == v.i]
            found = started_by_subject(pron) or subjects[-1:] or objects[-1:] or before[-1:] or described or (
                earlier_organisation(pron, said_of) if said_of else antecedent(pron))
    return found


def _modifies_thing(e: Token) -> bool:
    """A name set before a plural word for things, which it describes ('NBA cards', 'Nvidia chips'):
    no owner an 'its' later in the sentence stands for."""
    return e.dep_ == "compound" and e.head.pos_ == "NOUN" and e.head.tag_ == "NNS" and e.head.dep_ != "ROOT" \
        and e.head.lemma_.lower() not in PART_DESCRIPTIONS | STAFF_NOUNS     # ('Moonpig prints ...', a verb misread)


# plural words for a company's people ('Microsoft researchers trained its model': theirs)
STAFF_NOUNS = frozenset(load_lexicon().words["staff_nouns"])


def _lease_with(v: Token) -> bool:
    """'signed a lease with CoreWeave': either side may be the landlord."""
    return any(c.dep_ == "prep" and c.lower_ == "with" for w in (v, *v.children) for c in w.children)


def said_of_another(v: Token) -> bool:
    """A copula whose complement belongs to 'its' owner: 'X is its largest investor'."""
    if v.lemma_ not in COPULAS:
        return False
    nouns = [c for c in v.children if c.dep_ in ("attr", "oprd")]
    nouns += [p for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for n in nouns for c in n.children
               if not any(o.lower_ == "own" for o in n.children))


def _complement_of(noun: Token, v: Token) -> bool:
    """'is its largest investor', 'is one of its backers'."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "attr":
        noun = noun.head.head
    return noun.dep_ in ("attr", "oprd") and noun.head == v


def possessors(noun: Token, lex: Lexicon) -> list[Token]:
    """Who a noun belongs to: "SpaceX's cluster" -> SpaceX; 'its backers' -> the clause's subject."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss" and (owner := misread_owner(c)) is not None:
            out.append(owner)
        elif c.dep_ == "poss" and c.lower_ == "whose":
            out += _whose(noun, lex)
        elif c.dep_ == "poss":
            out += resolve_possessive(c, lex) if c.lower_ in POSS_PRONOUNS else np_entities(c, lex)
    return out


def _whose(noun: Token, lex: Lexicon) -> list[Token]:
    """'Skydio, the California company whose X10D drone ...': the name the relative clause is about."""
    # ('Baidu, whose Apollo Go service runs ...', the name read as the clause's verb)
    v = noun if noun.dep_ == "relcl" else noun.head
    for _ in range(3):
        if v.dep_ == "relcl" or v.head.i == v.i:
            break
        v = v.head
    if v.dep_ != "relcl":
        return []
    ante = v.head
    # ('the California company whose ...': the company, not its place)
    named = [e for e in np_entities(ante, lex) if etype(e) == "ORG"]
    return named or ([e for e in np_entities(ante.head, lex) if etype(e) == "ORG"] if ante.dep_ == "appos" else [])


def misread_owner(poss: Token) -> Token | None:
    """"Ghodsi, Databricks' chief executive", parsed as Ghodsi's executive with Databricks in
    apposition to Ghodsi: the company with the possessive ending is the owner."""
    if etype(poss) != "PERSON":
        return None
    return next((a for a in poss.children if a.dep_ == "appos" and etype(a) == "ORG"
                 and any(k.dep_ == "case" for k in a.children)), None)

"""Reading a dependency parse: which entities fill which role of a trigger word.

Works on a spaCy Doc whose entities were merged into single tokens (see nlp.make_nlp).
Nothing here knows relation names; extract.py, nominal.py and ownership.py map roles to relations;
phrases.py turns argument tokens into entities and coref.py resolves "it" and "the company"."""
from __future__ import annotations

from spacy.tokens import Token

from .gazetteer import FROM_SPACY
from .lexicon import Lexicon, load_lexicon

# dependency labels, named once
SUBJ = ("nsubj", "nsubjpass", "csubj")
OBJ = ("dobj", "dative", "attr", "oprd")
NOUN_MODS = ("compound", "nmod", "npadvmod", "amod")
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
POSS_PRONOUNS = frozenset({"its", "their", "his", "her"})
HANDOFF = ("xcomp", "advcl", "ccomp", "pcomp", "acl", "conj", "relcl", "acomp")

NOT_ENTITIES = frozenset({
    "company", "the company", "group", "the group", "firm", "board", "the board", "llp", "l.l.p", "l.l.p.",
    "inc", "inc.", "ltd", "ltd.", "corp", "corp.", "llc", "plc", "co.",
    "ai", "a.i.", "gpu", "gpus", "llm", "llms", "ceo", "cto", "agi", "api",
    "cloud", "tech", "big tech", "genai", "generative ai", "ipo", "sec", "nasdaq", "ml", "prime",
})


SURNAMES = "industry_graph_surnames"
SHORT_ORGS = "industry_graph_short_orgs"   # first words of the article's longer company names
AS_PERSON = "industry_graph_as_person"     # token indices a person's title shows to be people
AS_ORG = "industry_graph_as_org"           # ... and names a relation shows to be organisations
PRODUCT_DESCRIPTIONS = frozenset({"model", "chatbot", "assistant", "chip", "processor", "accelerator", "app",
                                  "llm", "gpu", "agent", "browser", "platform", "supercomputer", "cluster"})
ORG_DESCRIPTIONS = frozenset({"startup", "start-up", "company", "firm", "lab", "maker", "developer", "provider",
                              "chipmaker", "unicorn", "rival", "subsidiary", "unit", "spinoff", "spin-off"})


def etype(tok: Token) -> str | None:
    """Our entity type of a merged entity token, or None for other words."""
    kind = FROM_SPACY.get(tok.ent_type_)
    if kind is None and tok.pos_ != "PROPN" and tok.ent_type_ != "WORK_OF_ART":
        return None       # most words, asked about several times each: no rule below applies to them
    if kind and tok.i in tok.doc.user_data.get(AS_PERSON, ()):
        return "PERSON"   # 'Alain Connes is a French mathematician': the tagger said company
    if kind and tok.i in tok.doc.user_data.get(AS_ORG, ()):
        return "ORG"      # 'Myogen was acquired by Gilead': the tagger said person
    if tok.ent_type_ == "WORK_OF_ART" and tok.dep_ in ("oprd", "attr", "xcomp", "dobj") \
            and tok.head.lemma_ in ("call", "name", "dub", "brand") and tok.head.dep_ == "acl" \
            and tok.head.head.lemma_.lower() in load_lexicon().class_nouns:
        return "PRODUCT"  # 'a Japanese-language model called Takane'
    if kind is None and not tok.ent_type_ and tok.pos_ == "PROPN" and _names_employer(tok):
        return "ORG"      # 'Pfizer CEO Albert Bourla', where the tagger found no name in 'Pfizer'
    if not tok.ent_id_ and tok.pos_ == "PROPN" and tok.text[:1].isupper() \
            and (kind is None or kind in ("PERSON", "ORG", "PLACE")) and tok.ent_type_ not in ("DATE", "MONEY"):
        # 'Meta acquired PlayAI, a voice AI startup', 'Jais, an Arabic-language model': what the
        # apposition calls a name beats the tagger's guess, or its silence
        described = {c.lemma_.lower() for c in tok.children if c.dep_ == "appos"}
        if described & PRODUCT_DESCRIPTIONS:
            return "PRODUCT"
        if (kind is None or kind == "PLACE") and described & ORG_DESCRIPTIONS:
            return "ORG"
    if kind is None:
        if not tok.ent_type_ and tok.pos_ == "PROPN" and tok.text in tok.doc.user_data.get(SURNAMES, ()):
            return "PERSON"   # 'Pang' after 'Ruoming Pang', which the tagger left untagged
        if not tok.ent_type_ and tok.pos_ == "PROPN" and tok.text in tok.doc.user_data.get(SHORT_ORGS, ()):
            return "ORG"      # 'Annapurna' after 'Annapurna Labs
        return None
    if not tok.ent_id_ and kind in ("PLACE", "PERSON") and tok.text in tok.doc.user_data.get(SHORT_ORGS, ()):
        return "ORG"      # 'Annapurna' after 'Annapurna Labs', though the tagger called it a place
    if not tok.ent_id_ and kind != "PERSON" and tok.text in tok.doc.user_data.get(SURNAMES, ()):
        return "PERSON"   # 'Pang' after 'Ruoming Pang', though the tagger called it a company
    if not tok.ent_id_:  # statistical NER only: skip the junk it tags in this domain
        text = tok.text.strip()
        if text.lower() in NOT_ENTITIES or len(text) < 2 or text.islower():
            return None
        if kind == "PERSON" and text.split()[-1].lower() in load_lexicon().org_words:
            return "ORG"   # 'Zorblax Robotics', 'Quill Labs': the small model calls many firms people
    return kind


IRREGULAR = {"led": "lead", "ran": "run", "founders": "founder", "investors": "investor", "owners": "owner",
             "ceos": "ceo", "founded": "found", "founding": "found"}


def key_phrases(tok: Token, max_words: int) -> list[str]:
    """Lookup keys for a trigger token, longest first: 'chief executive officer', 'team up', 'ceo'."""
    lemma = tok.lemma_.lower()
    keys = []
    for prt in tok.children:
        if prt.dep_ == "prt":
            keys.append(f"{lemma} {prt.lower_}")
    doc = tok.doc
    for k in range(max_words - 1, 0, -1):
        start = tok.i - k
        if start < tok.sent.start:
            continue
        words = doc[start:tok.i]
        # modifiers of the trigger, or flat compounds beside it ('SoftBank Chief Executive Masayoshi Son')
        if all((w.head.i in range(start, tok.i + 1) or w.dep_ == tok.dep_ == "compound" and w.head.i == tok.head.i)
               and not w.is_punct or w.text == "-" for w in words):
            text = "".join(w.lower_ + w.whitespace_ for w in words).replace(" - ", "-")
            keys.append(f"{text}{lemma}" if text.endswith("-") else f"{text.strip()} {lemma}")
    keys += [lemma, tok.lower_]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT" and tok.lower_.endswith("s"):
        stem = tok.lower_[:-1]    # 'competes' read as a noun: try the verb's base forms
        keys += [stem, stem[:-1], stem[:-2] + "y" if stem.endswith("ie") else stem]
    if tok.lower_.startswith("co-"):      # 'co-founded' is kept whole by the tokenizer
        base = tok.lower_[3:]
        keys += [IRREGULAR.get(base, base), *(base[:-len(e)] for e in ("ed", "ing", "s") if base.endswith(e))]
    return list(dict.fromkeys(keys))


def conjuncts(tok: Token) -> list[Token]:
    """The token and everything coordinated with it ('Google and Amazon')."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
        if t.ent_type_:   # 'by Mike Clark, Hayden Tennant and Lisa Humphries': a list read as apposition
            todo.extend(c for c in t.children if c.dep_ == "appos" and c.ent_type_ == t.ent_type_)
            # 'Bharti Airtel and Deutsche Telekom' read as a modifier of the second name
            todo.extend(c for c in t.children if c.dep_ in ("nmod", "compound") and c.ent_type_ == t.ent_type_
                        and c.i + 1 < t.i and t.doc[c.i + 1].lower_ in ("and", "or", ","))
            # 'OpenAI and Anthropic, both of which ..., as well as Mistral AI': the last item hung on the clause
            todo.extend(c for r in t.children if r.dep_ == "relcl" for c in r.children
                        if c.dep_ == "conj" and c.ent_type_ == t.ent_type_ and c.pos_ == "PROPN")
    return sorted(out, key=lambda t: t.i)


def is_class_noun(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.class_nouns or tok.lower_ in lex.class_nouns


def governing_verb(tok: Token) -> Token | None:
    """The verb a noun phrase hangs from, through prepositions: 'entered into a partnership'."""
    t = tok
    for _ in range(6):
        if t.dep_ in ("ROOT",) and t.pos_ not in ("VERB", "AUX"):
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.dep_ not in ("prep", "pobj", "dobj", "attr", "appos", "conj", "npadvmod", "compound", "nmod"):
            return None if t.pos_ not in ("ADP",) else t.head if t.head.pos_ in ("VERB", "AUX") else None
    return None


def is_passive(v: Token) -> bool:
    """Passive voice, also in participles: 'Anthropic was backed by', 'a startup founded by',
    'Created in 1899 by A and B, VINCI ...', 'Arm, which is majority-owned by SoftBank'."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    if v.tag_ != "VBN":
        return False
    if v.dep_ == "acomp":
        return any(c.dep_ == "agent" for c in v.children)
    if v.dep_ == "advcl":   # with an object it is active: '... and named Sean White as CEO'
        return not any(c.dep_ in ("aux", "nsubj", "dobj") for c in v.children)
    return v.dep_ in ("acl", "amod")


def is_infinitive(v: Token) -> bool:
    """'talks to invest': the verb's subject is not the noun it hangs from."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def surface_subjects(v: Token, _depth: int = 0) -> list[Token]:
    """Grammatical subject of a verb, borrowed from the verb it is coordinated with or
    subordinate to when it has none ('xAI, which developed Grok and built Colossus')."""
    subs = [c for c in v.children if c.dep_ in SUBJ]
    if not subs and (v.dep_ == "ROOT" or v.pos_ in ("NOUN", "PROPN")):   # 'Mistral AI competes ...' as a noun
        subs = [c for c in v.children if c.i < v.i and c.dep_ in ("amod", "compound", "nmod", "npadvmod")
                and c.ent_type_]
    if subs or _depth > 5:
        return subs
    if v.dep_ in ("relcl", "acl") and not is_infinitive(v):
        return [v.head]
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in load_lexicon().control_verbs:
        objs = [c for c in v.head.children if c.dep_ == "dobj"]   # 'hired X to lead Y', not 'left X to join Y'
        if objs:
            return objs
    if v.dep_ in HANDOFF or v.dep_ == "pobj":
        up = v.head
        while up.pos_ not in ("VERB", "AUX") and up.dep_ != "ROOT" and up.head != up:
            up = up.head
        if up.pos_ in ("VERB", "AUX") and up != v:
            return surface_subjects(up, _depth + 1)
    return []


def _described(v: Token) -> Token:
    """The noun a participle describes; '(acquired by Sumitomo)' right after a name describes that name."""
    doc = v.doc
    if v.i >= 2 and doc[v.i - 1].text == "(" and etype(doc[v.i - 2]):
        return doc[v.i - 2]
    return v.head


VERB_ARGS = "industry_graph_verb_args"


def verb_args(v: Token) -> dict[str, list[Token]]:
    """Logical roles of a verb: subj (the doer, also in passive), obj, and prep:X objects.

    Several rules ask for the same verb's roles in one sentence; the parse does not change while
    extract() reads it, so each verb's are worked out once per Doc (kept in its user_data)."""
    if not isinstance(v, Token):
        return _verb_args(v)
    memo = v.doc.user_data.setdefault(VERB_ARGS, {})
    if v.i not in memo:
        memo[v.i] = _verb_args(v)
    return {k: list(toks) for k, toks in memo[v.i].items()}     # a copy: callers may extend it


def _verb_args(v: Token) -> dict[str, list[Token]]:
    passive = is_passive(v)
    surface = surface_subjects(v)
    args: dict[str, list[Token]] = {"subj": [], "obj": []}
    if passive and v.dep_ == "acl" and (v.head.dep_ == "ROOT" or v.sent.root.pos_ not in ("VERB", "AUX")) \
            and not any(c.dep_ == "agent" for c in v.children):
        # The small model reads 'Mistral AI partnered with Microsoft.' as a noun phrase with a
        # participle; with no 'by' agent, the noun is the doer (and, if nothing else is, the object).
        passive = False
        args["subj"] = [v.head]
        if not any(c.dep_ in OBJ for c in v.children):
            args["obj"] = [v.head]
    if v.dep_ == "acl" and v.tag_ == "VBG":
        args["subj"] = [v.head]
    if passive:
        # 'CDT (acquired by Sumitomo), Canon, ...': a participle describes its own noun, not the list
        args["obj"] = [Exact(_described(v))] if v.dep_ in ("acl", "amod") else surface
        agents = [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:
            # '... by A, and by B and C', '... by A, who ..., and B': list items the parser hung on the verb
            agents += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "by"
                       for p in c.children if p.dep_ == "pobj"]
            agents += [c for c in v.children if c.dep_ == "conj" and c.i > agents[0].i
                       and c.pos_ == "PROPN" and FROM_SPACY.get(c.ent_type_) == "PERSON"]
            # '... by A, a former researcher, together with B, C and D'
            agents += [p for a in list(agents) for c in a.children if c.dep_ == "prep" and c.lower_ == "with"
                       and any(w.lower_ in ("together", "along") for w in c.children)
                       for p in c.children if p.dep_ == "pobj"]
        if agents and not any(FROM_SPACY.get(a.ent_type_) for a in agents):
            agents += _among_them(v)
        args["subj"] += agents
    else:
        args["subj"] = args["subj"] or surface
        args["obj"] = [c for c in v.children if c.dep_ in OBJ] or args["obj"]
        if not args["obj"]:   # 'co-founded and leads Cohere': the object is shared with the next verb
            args["obj"] = [o for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i
                           for o in c.children if o.dep_ == "dobj"]
        if not args["obj"] and v.dep_ == "relcl" and not any(
                c.dep_ in SUBJ and c.lower_ in RELATIVE_PRONOUNS for c in v.children):
            args["obj"] = [v.head]   # 'the company Elon Musk founded in 2023': the object is the antecedent
    preps: dict[str, list[Token]] = {}
    holders = [v] + [o for o in args["obj"] if o.head == v]
    for h in holders:
        for c in h.children:
            # 'invested $1 billion in OpenAI in 2019': the verb's 'in' and its object's both count
            if c.dep_ in ("prep", "agent", "dative"):
                preps.setdefault(c.lower_, []).extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
    for name, toks in preps.items():
        args[f"prep:{name}"] = toks
    return args


def _among_them(v: Token) -> list[Token]:
    """'founded by the creators of Spark, among them Ali Ghodsi, Matei Zaharia and Ion Stoica':
    the people named after 'among them', wherever the parser hung the list."""
    out = []
    for tok in v.sent:
        if tok.lower_ == "among" and tok.i > v.i and any(c.lower_ == "them" for c in tok.children):
            stack = [tok.head]
            while stack:
                t = stack.pop()
                if FROM_SPACY.get(t.ent_type_) == "PERSON":
                    out.append(t)
                    stack += [c for c in t.children if c.dep_ in ("appos", "conj")]
    return sorted(out, key=lambda t: t.i)


def role_tokens(args: dict[str, list[Token]], spec: str) -> list[Token]:
    """'prep:in|into' -> the objects of either preposition."""
    if spec.startswith("prep:"):
        return [t for p in spec[5:].split("|") for t in args.get(f"prep:{p}", [])]
    return args.get(spec, [])


class Exact:
    """An argument that stands for its own token only, without the items coordinated with it."""

    def __init__(self, tok: Token):
        self.tok = tok

    def __getattr__(self, name):
        return getattr(self.tok, name)


KEY_PHRASES = "industry_graph_key_phrases"


def rules_for(table: dict, tok: Token, lex: Lexicon) -> tuple:
    """The trigger rules of a token, matching its longest key phrase first."""
    if tok.lemma_.lower() not in lex.last_words and tok.lower_ not in lex.last_words \
            and not tok.lower_.startswith("co-") and not tok.lower_.endswith("s"):
        return ()     # most words end no trigger phrase: skip building phrases for them
    # the same token is looked up in several tables (verbs, roles, events, modifiers): its
    # phrases are built once per Doc
    memo = tok.doc.user_data.setdefault(KEY_PHRASES, {})
    keys = memo.get(tok.i)
    if keys is None:
        keys = memo[tok.i] = key_phrases(tok, lex.max_words)
    for key in keys:
        if key in table:
            return table[key]
    return ()



def looks_like_name(tok: Token, lex: Lexicon) -> bool:
    """'Alain Connes', 'Laurent Kratz': two to four capitalised words, none a company word."""
    words = tok.text.split()
    return (not tok.ent_id_ and 2 <= len(words) <= 4
            and all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace(".", "").isalpha()
                    and not w.isupper() for w in words)
            and not any(w.lower() in lex.org_words or w.lower() in lex.class_nouns for w in words))


_TITLE_WORDS: dict[str, frozenset] = {}


def _title_words(lex: Lexicon) -> frozenset:
    """Every word of a person's title ('chief', 'executive', 'officer', ...)."""
    if lex.version not in _TITLE_WORDS:
        _TITLE_WORDS[lex.version] = frozenset(
            w for lemma, rules in lex.roles.items() if any(r.head_types == {"PERSON"} for r in rules)
            for w in lemma.split())
    return _TITLE_WORDS[lex.version]


def _names_employer(tok: Token) -> bool:
    """A capitalised word before a person's title before the person: 'Pfizer CEO Albert Bourla'."""
    title = tok.head
    if tok.dep_ != "compound" or not tok.text[:1].isupper() or title.dep_ != "compound" \
            or FROM_SPACY.get(title.head.ent_type_) != "PERSON" or title.ent_type_:
        return False
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return False          # 'Blue Origin CEO Dave Limp': one word of a longer name, leave it
    lex = load_lexicon()
    if tok.lower_ in _title_words(lex) or tok.lower_ in lex.class_nouns:
        return False          # 'Chief Executive Officer Jane Roe'
    return any(r.head_types == {"PERSON"} and "ORG" in r.tail_types for r in rules_for(lex.roles, title, lex))

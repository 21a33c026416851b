"""Relations carried by nouns rather than verbs. Each function reads one kind of trigger word and
hands what it finds to the sentence collector `out` (extract._Sentence):

  event       a deal between entities: 'a partnership between X and Y', "xAI's funding round"
  modifier    hyphenated participles: 'Amazon-backed Anthropic', 'Paris-based Mistral AI'

Role nouns ('SpaceX's founder and CEO') are read in roles.py; products, facilities and units
owned, and compute used, in ownership.py.
"""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import is_infinitive, is_passive, surface_subjects, verb_args
from .coref import ANTECEDENT, LAST_ROUND, is_anaphor, last_subject
from .facilities import is_compute, is_site_or_compute
from .lexicon import Lexicon, Rule
from .models import SYMMETRIC
from .ownership import counted
from .phrases import entities_of, referents
from .possession import possessors
from .syntax import AS_PLACE, conjuncts, etype, governing_verb, rules_for, sentence

# verbs whose subject receives the money of a funding round ("OpenAI raised $6.6 billion in a round")
RECEIVING_VERBS = frozenset({"raise", "close", "secure", "complete", "announce", "land", "get",
                             "receive", "finalize", "finalise", "seek", "launch"})


def participants(e: Token, preps, lex) -> list[Token]:
    """The entities in a noun's 'with', 'between' or other given prepositions."""
    return entities_of([p for c in e.children if c.dep_ == "prep" and c.lower_ in preps
                  for p in c.children if p.dep_ == "pobj"], lex)


def _purposes(e: Token) -> list[Token]:
    """The verbs that say what a deal is for: 'an agreement to build ...', 'a deal that ...'."""
    purposes = [c for c in e.children if c.dep_ == "acl" and is_infinitive(c) or c.dep_ == "relcl"]
    # 'a contract worth about 100 million euros to deploy Mistral's models', hung on a word inside
    purposes += [w for w in e.subtree if w.head.i != e.i and w.head.head.i == e.i
                 and w.pos_ == "VERB" and is_infinitive(w)]
    if e.dep_ == "dobj":          # 'struck a deal to hire ...', the infinitive hung on the verb
        purposes += [c for c in e.head.children if c.dep_ in ("advcl", "xcomp") and is_infinitive(c)]
    return purposes


COMPUTE_DEAL_VERBS = frozenset({"build", "host", "provide", "supply", "deliver", "run", "operate", "rent",
                                "lease", "buy", "use", "access", "tap", "secure", "reserve"})
SIGNER_PROVIDES = frozenset({"provide", "supply", "deliver"})
SUPPLY_DEAL_NOUNS = frozenset({"agreement", "contract", "deal", "pact", "arrangement"})
_SUPPLY_DEAL = Rule("supply-deal-purpose", "events", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.65)
_JV_FOUNDED = Rule("noun-joint-venture", "events", "founded", frozenset({"ORG"}), frozenset({"ORG"}), 0.75)


def _venture_named(e: Token) -> Token | None:
    """The company a joint venture's noun describes: 'S3NS, the joint venture of Thales and Google
    Cloud', 'Carizon is a joint venture between Cariad and Horizon Robotics'."""
    if e.lower_ not in ("venture", "company") or not any(c.lower_ == "joint" and c.dep_ == "amod" for c in e.children):
        return None
    if e.dep_ == "appos" and etype(e.head) == "ORG":
        return e.head
    if e.dep_ == "attr" and e.head.lemma_ == "be":
        named = [s for s in e.head.children if s.dep_ == "nsubj" and etype(s) == "ORG"]
        return named[0] if named else None
    return None


def _compute_deal(e: Token, lex: Lexicon) -> str | None:
    """'signed an agreement with Google Cloud to build two supercomputers for its work', 'a deal
    with CoreWeave to rent GPUs': a deal whose purpose is computing or a site for it, with no
    third company named as whom it is for. (Not 'a joint venture with GIC to build data centres'
    or a partnership: there the two build together.) The deal's verb, or None."""
    if e.lemma_.lower() not in SUPPLY_DEAL_NOUNS:
        return None
    for v in _purposes(e):
        if not is_infinitive(v) or v.lemma_.lower() not in COMPUTE_DEAL_VERBS:
            continue
        args = verb_args(v)
        if any(etype(x) == "ORG" for x in entities_of(args.get("prep:for", []) + args.get("prep:to", []), lex)):
            return None
        if any(is_site_or_compute(counted(o, lex), lex) for o in args["obj"]):
            return v.lemma_.lower()
    # 'signed a deal with CoreWeave for GPU capacity', 'a deal with Google for access to a million
    # TPUs': what the deal buys, after 'for' on the deal, on the verb that signs it or on the party
    # after 'with'
    hosts = [e, e.head] if e.dep_ == "dobj" else [e]
    hosts += [p for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
              for p in c.children if p.dep_ == "pobj"]
    fors = [c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > e.i]
    for c in fors:
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            p = counted(p, lex)     # (also past 'access to')
            if is_site_or_compute(p, lex) and etype(p) in (None, "PRODUCT"):
                return "use"
    return None


def _deal_purpose(e: Token, lex: Lexicon) -> list[Token]:
    """'signed an agreement to offer Cohere's models', 'struck a deal to hire the co-founders of
    Character.AI and license its technology', 'a partnership that made Mistral's models available':
    the company whose models, technology or staff the deal is for."""
    out = []
    for v in _purposes(e):
        for verb in conjuncts(v):
            args = verb_args(verb)
            for o in args["obj"]:
                out += [p for p in possessors(o, lex) if etype(p) == "ORG"]
                # ('to host 168 megawatts of Fluidstack's equipment': the owner one 'of' further in)
                out += [x for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"
                        for x in entities_of([p], lex) + possessors(p, lex) if etype(x) == "ORG"]
            # 'a contract to make chips for Tesla': who the work is for
            out += [x for x in entities_of(args.get("prep:for", []), lex) if etype(x) == "ORG"]
    return out


def _innerparticipants(e: Token, preps, lex) -> list[Token]:
    """'a contract worth up to $11.9 billion with OpenAI': the party hangs on a word inside the
    deal's noun phrase rather than on the deal."""
    return entities_of([p for t in e.subtree if t.dep_ == "prep" and t.lower_ in preps and t.head.i != e.i
                        and t.head.pos_ not in ("VERB", "AUX") and t.head.i > e.i and not _describes_a_name(t, e)
                        for p in t.children if p.dep_ == "pobj"], lex)


def _describes_a_name(t: Token, e: Token) -> bool:
    """Whether t hangs, below e, on a name or a description of one ('a round led by Salesforce
    Ventures, the venture arm of Salesforce': that 'of' is the backer's, not the round's)."""
    w = t.head
    while w.i != e.i and w.head.i != w.i:
        if etype(w) or w.dep_ == "appos":
            return True
        w = w.head
    return False


def _round_leaders(v: Token, lex: Lexicon) -> list[Token]:
    """'The round ... was led by Iconiq Capital': who leads a round its verb (or a verb
    coordinated with it) names."""
    out = []
    for verb in conjuncts(v):
        if verb.lemma_.lower() in ("lead", "co-lead", "anchor", "head", "join") and verb.i != v.i or \
                verb.i == v.i and verb.lemma_.lower() in ("lead", "co-lead", "anchor", "head"):
            args = verb_args(verb)
            # 'led by Iconiq, with Fidelity and Lightspeed as co-leads'
            out += entities_of(args["subj"] + args.get("prep:with", []), lex)
    return out


BUYING_VERBS = frozenset({"buy", "purchase", "acquire", "take"})
STAKE_NOUNS = frozenset({"stake", "holding", "interest"})
_SHARE_BUY = Rule("verb-buy-shares", "events", "invests_in", frozenset({"ORG", "PERSON"}), frozenset({"ORG"}), 0.8)


def shares_bought(out, e: Token, lex: Lexicon):
    """'Nvidia agreed to buy $5 billion of Intel stock', 'bought Intel shares': a shareholder; so is
    who 'bought about 21% of Leapmotor' (a minority: 'owns 90 percent of Arm' makes a subsidiary)."""
    if e.ent_type_ == "PERCENT" and e.dep_ == "dobj" and e.head.lemma_.lower() in BUYING_VERBS:
        number = "".join(ch for ch in e.text if ch.isdigit() or ch == ".")
        if number.count(".") <= 1 and number.strip(".") and float(number) < 50:
            companies = [x for c in e.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                         if p.dep_ == "pobj" for x in entities_of([p], lex) if etype(x) == "ORG"]
            out.add(_SHARE_BUY, entities_of(verb_args(e.head)["subj"], lex), companies, e)
        return
    if e.lemma_.lower() not in lex.words["share_nouns"]:
        return
    obj = e.head.head if e.dep_ == "pobj" and e.head.lower_ == "of" else e
    v = obj.head
    if obj.dep_ != "dobj" or v.lemma_.lower() not in lex.words["share_buying_verbs"]:
        return
    companies = [c for c in e.children if c.dep_ in ("compound", "nmod") and etype(c) == "ORG"] + possessors(e, lex)
    out.add(_SHARE_BUY, entities_of(verb_args(v)["subj"], lex), companies, e)


SELLING_VERBS = frozenset({"sell", "offload", "transfer"})
COURT_WORDS = frozenset({"legal", "court", "courtroom", "patent", "copyright", "antitrust", "lawsuit", "litigation"})


def event(out, e: Token, lex: Lexicon):
    """Deals named by a noun: 'a partnership between X and Y', "Microsoft's investment in OpenAI",
    'OpenAI raised $6.6 billion in a round led by Thrive Capital'."""
    rules = rules_for(lex.events, e, lex)
    if not rules:
        shares_bought(out, e, lex)
        return
    if is_anaphor(e, lex):
        return      # 'launched the partnership', after the AI Infrastructure Partnership: a body, no deal
    v = governing_verb(e)
    subject = entities_of(verb_args(v)["subj"], lex) if v is not None else []
    if not subject and v is not None and is_passive(v) and v.dep_ not in ("acl", "advcl", "xcomp", "amod") \
            and not any(c.dep_ == "agent" for c in v.children):
        # 'Anthropic is locked in a battle with OpenAI'
        subject = [e for e in entities_of(surface_subjects(v), lex) if etype(e) == "ORG"]
    if not subject and v is not None and rules[0].relation == "partners_with" and e.dep_ == "pobj" \
            and e.head.lower_ == "under":
        # "Aspire's corporate cards are issued under a partnership with Visa": whose the thing is
        subject = [p for x in verb_args(v)["subj"] or surface_subjects(v) for p in possessors(x, lex) if etype(p) == "ORG"]
    if not subject and v is not None and v.dep_ in ("acl", "advcl", "xcomp"):
        # 'developed a model called Takane in collaboration with Cohere': the clause above says who
        up = v.head if v.head.pos_ in ("VERB", "AUX") else governing_verb(v.head)
        subject = entities_of(verb_args(up)["subj"], lex) if up is not None else []
    # ('The fund is part of Microsoft's commitment to ...': a deal of the owner's, with no party named)
    owned_part = e.dep_ == "pobj" and e.head.lower_ == "of" and e.head.head.lemma_.lower() == "part" \
        and any(c.dep_ == "poss" for c in e.children)
    # ('received $2 billion from SoftBank': the subject is backed; but 'received a stake in Asmodee': it backs)
    receiving = v is not None and v.lemma_.lower() in RECEIVING_VERBS and e.lemma_.lower() not in STAKE_NOUNS
    for rule in rules:
        if rule.relation == "partners_with" and v is not None and v.lemma_.lower() in MERGING_VERBS:
            continue    # 'agreed to combine with Smartfren, a deal that ...': a merger, no partnership
        if rule.relation == "competes_with" and any(c.dep_ in ("amod", "compound") and c.lower_ in COURT_WORDS
                                                    for c in e.children):
            continue    # 'a legal battle with Qualcomm over licence terms': a dispute, not a market
        # 'an agreement, dated May 1, between X and Y': the parties may hang on the participle
        pairs = participants(e, rule.pair_preps, lex) + [
            p for c in e.children if c.dep_ == "acl" and c.tag_ == "VBN" for p in participants(c, rule.pair_preps, lex)]
        for i, a in enumerate(pairs):
            out.add(rule, [a], pairs[i + 1:], e)
            if rule.head_types != rule.tail_types:     # 'an employment agreement between Acme and Jane Roe'
                out.add(rule, pairs[i + 1:], [a], e)
        if rule.relation == "partners_with" and len(pairs) > 1 and (venture := _venture_named(e)) is not None:
            out.add(_JV_FOUNDED, [p for p in pairs if p.i != venture.i], [venture], e)
        targets = participants(e, rule.target_preps, lex) or _innerparticipants(e, rule.target_preps, lex)
        if not targets and rule.relation == "partners_with":
            targets = _deal_purpose(e, lex)
        if not targets and rule.relation == "invests_in" and v is not None and v.dep_ == "relcl" \
                and etype(v.head) == "ORG" and any(c.dep_ == "prep" and c.lower_ == "in" and any(
                    p.dep_ == "pobj" and p.lower_ == "which" for p in c.children) for c in v.children):
            targets = [v.head]  # 'Scale AI, in which Meta bought a 49% stake'
        if not targets and rule.relation == "acquires" and e.dep_ == "nsubj" and e.head.lemma_ == "be":
            # "Adobe's first acquisition was Emerald City Software": what it is said to be
            targets = [t for t in entities_of([c for c in e.head.children if c.dep_ == "attr"], lex) if etype(t) == "ORG"]
        if not targets and v is not None \
                and not any(r.relation != rule.relation for r in rules_for(lex.verbs, v, lex)) \
                and not any(o.lemma_.lower() in ("share", "stake") for o in verb_args(v)["obj"]):
            # (not 'acquired 1.84 crore shares of Sterling through off-market purchases': shares bought)
            # (not the rival of 'competes with Nebius for the same contracts')
            targets = entities_of([t for p in rule.target_preps for t in verb_args(v).get(f"prep:{p}", [])], lex)
        named = possessors(e, lex) + [c for c in e.children if c.dep_ in ("compound", "nmod") and etype(c)]
        owners = participants(e, rule.owner_preps, lex) + _backers(e, lex)
        if rule.possessor_is_target:                           # "xAI's funding round", 'the OpenAI round'
            targets += named
            owners += _round_leaders(v, lex) if v is not None else []
            # ('Sequoia led the round, with Tencent and Nvidia participating')
            if receiving or v is not None and e.dep_ in ("nsubj", "nsubjpass") and (
                    v.lemma_.lower() in ROUND_TAKES | ROUND_LEAD or v.lower_ in ROUND_LEAD_FORMS) \
                    or v is not None and e.dep_ == "dobj" and v.lemma_.lower() in ("lead", "co-lead", "colead"):
                owners += _round_backers(v, e, lex)     # 'The round was led by A, with participation from B'
                if v.lemma_.lower() in ROUND_LEAD or v.lower_ in ROUND_LEAD_FORMS:
                    owners += entities_of(verb_args(v)["subj"], lex)
        else:
            owners += named
        if rule.relation == "invests_in":
            targets = targets or _money_target(e, v, subject, owners, lex, rule.possessor_is_target)
            # (not a round of the backer's own: 'the company' in 'X, which led the company's Series A'
            # read as X)
            kept = [t for t in targets if t not in owners]
            if kept and rule.possessor_is_target:
                e.doc.user_data[LAST_ROUND] = kept[0].i
        if not owners and rule.relation in SYMMETRIC and v is not None and e.dep_ == "pobj" \
                and e.head.lower_ == "in" and (v.lemma_.lower() in ("put", "place", "bring", "pit", "leave", "set")
                                               or not any(etype(t) == "ORG" for t in subject)):
            # 'puts Databricks in competition with OpenAI', 'The deal strengthens Aligned in a contest with QTS'
            owners = entities_of(verb_args(v)["obj"], lex)
        if not owners and not (rule.relation == "invests_in" and receiving):
            owners = subject
        if rule.relation == "invests_in" and e.lemma_.lower() == "stake" and e.dep_ == "dobj" and v is not None \
                and v.lemma_.lower() in SELLING_VERBS:
            # 'Intel will sell a 51% stake in Altera to Silver Lake': the buyer holds the stake (but
            # 'has been selling down its remaining stake in X', to nobody named, still holds some)
            owners = [t for t in entities_of(verb_args(v).get("prep:to", []), lex) if etype(t) == "ORG"] or owners
            if not targets and owners != subject:
                # 'Sotheby's has agreed to sell a minority stake to ADQ': a stake in the seller itself
                targets = [t for t in subject if etype(t) == "ORG" and t not in owners]
        if rule.relation == "partners_with" and (terms := _under_which(e, lex)):
            # 'signed a pact under which Rebellions ships accelerators for its data centres', 'a
            # contract under which Nscale will provide Microsoft with processors': the parties
            # (names in this sentence only: 'the startup' or 'the two companies' read from other
            # sentences would pair a wrong company with the deal's named parties)
            start = sentence(e).start
            group = list(dict.fromkeys(t for t in owners + terms if etype(t) == "ORG" and t.i >= start))
            for i, a in enumerate(group):
                out.add(rule, [a], group[i + 1:], e)
            _supplied_under(out, e, [t for t in group if t in owners], lex)
        if rule.relation == "partners_with":
            signed = _signed_by(e, lex)
            if signed[0]:       # 'a licensing agreement Mistral signed with AFP'
                owners, targets = signed[0], targets or signed[1]
            elif not targets and named and e.dep_ == "dobj" and v is not None \
                    and v.lemma_.lower() in lex.words["contract_winning_verbs"] \
                    and e.lemma_.lower() in lex.words["contract_nouns"]:
                # 'Nebius lands $17.4 billion Microsoft contract': the name on the contract is the other
                # party (not in 'IBM closes HashiCorp deal', 'Elliott supported the Juniper deal')
                targets = [t for t in subject if t not in named]
        if rule.relation == "invests_in" and e.lemma_.lower() == "stake" and v is not None \
                and v.lemma_.lower() in BUYING_VERBS \
                and any(c.dep_ in ("amod", "compound") and c.lower_ in ("controlling", "majority") for c in e.children):
            # 'to buy a controlling stake in Motivair': a stake, and control
            out.add(rule, owners, targets, e, relation="acquires")
        if rule.relation == "partners_with" and targets and (purpose := _compute_deal(e, lex)):
            # the party the deal is with provides what it is for; but in 'Lambda signed an agreement
            # with Microsoft to provide AI infrastructure' the signer is the one who provides
            with_party = participants(e, rule.target_preps, lex) or _innerparticipants(e, rule.target_preps, lex)
            with_party = [t for t in with_party if t in targets]
            if not with_party and v is not None:    # ('signed a deal with X last year to host ...', 'with' on the verb)
                with_party = [t for t in entities_of(verb_args(v).get("prep:with", []), lex) if t in targets]
            if purpose in SIGNER_PROVIDES:
                out.add(_SUPPLY_DEAL, [o for o in owners if o not in with_party], with_party, e)
            else:
                out.add(_SUPPLY_DEAL, with_party, owners, e)
        if not targets and rule.relation in SYMMETRIC and not pairs and e.tag_ != "NNS" and not owned_part \
                and not any(c.dep_ == "poss" and c.lower_ == "its" for c in e.children):
            # (not 'Core Scientific, IREN and TeraWulf have turned their power contracts into AI
            # data-centre deals': each its own deals, with others unnamed; nor 'A and B, which
            # announced its deal': one company's deal, with a party unnamed)
            group = list(dict.fromkeys(owners))
            for i, a in enumerate(group):
                out.add(rule, [a], group[i + 1:], e)
        if rule.relation == "acquires" and (stakes := _stakes_bought(e, lex)):
            # 'completed the purchase of a 19.9% stake in SAS': shares bought, no company (but a
            # controlling stake is control: 'the purchase of a majority stake in X')
            out.add(_SHARE_BUY, owners, targets, e)
            if not any(c.dep_ in ("amod", "compound") and c.lower_ in ("controlling", "majority")
                       for s_ in stakes for c in s_.children):
                continue
        out.add(rule, owners, targets, e)


def _stakes_bought(e: Token, lex: Lexicon) -> list[Token]:
    """What a purchase noun says was bought when that is a stake or shares ('the purchase of a 19.9%
    stake in SAS', 'its acquisition of shares in X'); else nothing."""
    bought = [p for c in e.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if bought and all(p.lemma_.lower() in STAKE_NOUNS or p.lemma_.lower() in lex.words["share_nouns"]
                      for p in bought):
        return bought
    return []


def _under_which(e: Token, lex: Lexicon) -> list[Token]:
    """The organisations a deal's 'under which' clause names as doing something for each other."""
    for c in e.children:
        if c.dep_ == "relcl" and any(p.dep_ == "prep" and p.lower_ in ("under", "through")
                                     and any(w.lower_ == "which" for w in p.children) for p in c.children):
            args = verb_args(c)
            named = args["subj"] + args["obj"] + args.get("prep:to", []) + args.get("prep:with", []) \
                + args.get("prep:for", []) + [d for d in c.children if d.dep_ == "dative"]
            # (not the maker of the goods: 'host thousands of Nvidia processors for CoreWeave')
            found = [t for t in entities_of(named, lex) if t.i >= c.left_edge.i
                     and not (t.dep_ in ("compound", "nmod") and is_compute(t.head, lex))]
            # ('... for its AI data centres': the owner of the sites is a party too)
            found += [p for t in args.get("prep:for", []) + args.get("prep:to", []) if not etype(t)
                      for p in possessors(t, lex)]
            return found
    return []


_SUPPLIED_UNDER = Rule("supply-under-deal", "events", "supplies", frozenset({"ORG"}), frozenset({"ORG"}), 0.7)


def _supplied_under(out, e: Token, owners: list[Token], lex: Lexicon) -> None:
    """'a contract with IREN, under which IREN will provide capacity': a supplier that the clause
    names without its customer supplies the deal's other party."""
    for c in e.children:
        # (the subject supplying: not 'under which Glanbia will buy most of the whey from the plant')
        if c.dep_ == "relcl" and any(r.relation == "supplies" and r.head == "subj" for r in rules_for(lex.verbs, c, lex)):
            args = verb_args(c)
            if any(etype(t) == "ORG" for t in entities_of(args.get("prep:to", []) + args.get("prep:for", []), lex)) \
                    or any(d.dep_ == "dative" for d in c.children):
                return      # the clause names its customer ('provide Microsoft with processors')
            suppliers = [t for t in entities_of(args["subj"], lex) if etype(t) == "ORG"]
            out.add(_SUPPLIED_UNDER, suppliers, [o for o in owners if o not in suppliers], c)


def _signed_by(e: Token, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """('a licensing agreement Mistral signed last month with AFP'): the deal's relative clause
    names who signed it and with whom."""
    for c in e.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in lex.words["deal_signing_verbs"]:
            args = verb_args(c)
            who = [t for t in entities_of(args["subj"], lex) if t.i != e.i]
            if who:
                return who, entities_of(args.get("prep:with", []), lex)
    return [], []


def _backers(e: Token, lex: Lexicon) -> list[Token]:
    """'a round led by Thrive Capital', 'with participation from Y and Z'."""
    owners = []
    for acl in e.children:
        if acl.dep_ == "acl":
            owners += entities_of(verb_args(acl)["subj"], lex)
    for t in e.subtree:
        if t.lemma_.lower() in ("participation", "participate"):
            owners += participants(t, ("from", "by", "of"), lex)
    return owners


# verbs whose subject is a round and whose object its investors: 'the round included A and B'
ROUND_TAKES = frozenset({"include", "draw", "attract", "feature", "comprise", "bring", "count", "see"})
# participles that name a round's backers wherever the parser hung them: 'co-led by Fidelity'
ROUND_LEAD = frozenset({"lead", "co-lead", "colead", "anchor", "head", "back", "join"})
ROUND_LEAD_FORMS = frozenset({"co-led", "coled", "led", "anchored", "headed", "backed", "joined"})
ROUND_ALSO = frozenset({"invest", "participate", "join", "contribute", "chip", "commit"})
MERGING_VERBS = frozenset({"combine", "merge"})
ROUND_MONEY = frozenset({"money", "backing", "funding", "capital", "investment", "support"})


def _round_backers(v: Token, e: Token, lex: Lexicon) -> list[Token]:
    """Every backer a funding sentence names, wherever the parser attached the phrase:
    'raised $13 billion in a round led by A, co-led by B and C, with participation from D and E',
    'with F and G also investing', 'alongside H', 'the round included I, J and K'."""
    out = []
    if e.dep_ in ("nsubj", "nsubjpass") and v.lemma_.lower() in ROUND_TAKES:
        objs = verb_args(v)["obj"]
        out += entities_of(objs, lex)
        if any(o.lemma_.lower() in ROUND_MONEY | {"participation"} for o in objs):
            out += participants(v, ("from",), lex)     # 'The round drew participation from A', 'from' on the verb
    # ('Thinking Machines, the start-up led by Mira Murati, closed a round': the subject's own clauses
    # say nothing of the round, unless the round is the subject)
    aside = {w.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and e not in c.subtree for w in c.subtree}
    for t in v.subtree:
        lemma = t.lemma_.lower()
        if t.i in aside:
            continue
        if t.i != v.i and t.tag_ in ("VBN", "VBD") and (lemma in ROUND_LEAD or t.lower_ in ROUND_LEAD_FORMS) \
                and t.dep_ in ("acl", "advcl", "conj") and any(c.dep_ == "agent" for c in t.children):
            out += entities_of(verb_args(t)["subj"], lex)
        elif t.dep_ == "relcl" and t.head.i == e.i and (lemma in ROUND_LEAD or t.lower_ in ROUND_LEAD_FORMS):
            # 'in a round Temasek led', 'a round that the Singapore state investor led'
            out += entities_of([c for c in t.children if c.dep_ in ("nsubj",)], lex)
        elif lemma in ("participation", "participate") and t.pos_ == "NOUN":
            out += participants(t, ("from", "by", "of"), lex)
        elif lemma in ROUND_MONEY and t.dep_ == "pobj" and t.head.lower_ == "with":
            # 'completed a round with money from A, B and C' (the 'from' often hung on the verb)
            out += participants(t, ("from",), lex) or (participants(v, ("from",), lex)
                                                        if v.lemma_.lower() in RECEIVING_VERBS else [])
        elif t.tag_ == "VBG" and lemma in ROUND_ALSO and t.dep_ in ("advcl", "pcomp", "pobj", "acl"):
            out += entities_of([c for c in t.children if c.dep_ == "nsubj"], lex)   # 'with Nvidia also investing'
        elif t.dep_ == "prep" and t.lower_ in ("alongside",) and t.head.i == v.i:
            out += entities_of([c for c in t.children if c.dep_ == "pobj"], lex)
    return out


def _money_target(e: Token, v: Token | None, subject, owners, lex: Lexicon, is_round: bool) -> list[Token]:
    """Who gets the money when the noun phrase does not say: the subject of 'raised', the object
    of 'backed', what 'the round valued', or for 'the round' the round last named."""
    if v is None:
        return []
    joins = v.lemma_.lower() in ("participate", "join", "contribute") or v.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "part" for c in v.children)    # 'also took part in the round'
    if v.lemma_.lower() in RECEIVING_VERBS and not joins:  # 'OpenAI raised $6.6 billion in a round'
        return subject
    takes = e.dep_ == "nsubj" and v.lemma_.lower() in ROUND_TAKES   # 'The round attracted A and B': backers
    if not joins and not takes and any(r.relation == "invests_in" for r in rules_for(lex.verbs, v, lex)):
        args = verb_args(v)                           # 'Nvidia backed Wayve in a round led by SoftBank'
        named = entities_of(args["obj"] + args.get("prep:in", []), lex)
        if named or not is_round or e.dep_ != "pobj" or e.head.head.i != v.i:
            return named
        # ('Alibaba, Tencent and Xiaomi invested in the round': the round itself, whose raiser is below)
    if v.lemma_.lower() in ("value", "give") and e.dep_ == "nsubj":
        return entities_of(verb_args(v)["obj"], lex)  # 'the round valued Anthropic at ...'
    if is_round:
        # 'took part in a round in 2024 that valued Zhipu at about 20 billion yuan'
        valued = [o for c in e.children if c.dep_ == "relcl" and c.lemma_.lower() == "value"
                  for o in entities_of(verb_args(c)["obj"], lex) if etype(o) == "ORG"]
        if valued:
            return valued
    # 'The round was led by Iconiq', 'Mubadala also joined that round', 'A and B led that financing'
    # (not 'despite that funding')
    pointed = e.lemma_.lower() == "round" or v is not None and v.lemma_.lower() in ROUND_LEAD
    # ('the Series D round', the article hung on 'D')
    dets = [w for w in e.subtree if w.i < e.i and w.dep_ == "det"]
    if is_round and any(c.lower_ == "the" or c.lower_ in ("that", "this") and pointed for c in dets):
        i = e.doc.user_data.get(LAST_ROUND)
        found = [e.doc[i]] if i is not None and i < e.i else last_subject(e)
        return [t for t in found if t not in owners]
    if is_round and v.lemma_.lower() in ROUND_LEAD and e.dep_ == "dobj" and any(c.lower_ in ("a", "an") for c in dets):
        # 'Before that, the OpenAI Startup Fund led a $23.5 million round': in a story about the company
        # whose round was last named, another round of that company's
        i, topic = e.doc.user_data.get(LAST_ROUND), e.doc.user_data.get(ANTECEDENT, (None, None))[1]
        if i is not None and i < e.i and topic is not None and (e.doc[i].ent_id_ or e.doc[i].lower_) == (
                e.doc[topic].ent_id_ or e.doc[topic].lower_):
            return [t for t in [e.doc[i]] if t not in owners]
    return []


def modifier(out, m: Token, lex: Lexicon):
    """'Amazon-backed Anthropic', 'a Paris-based startup', 'Musk-founded xAI'."""
    if m.dep_ not in ("amod", "acl", "compound", "nmod") or m.tag_ not in ("VBN", "JJ", "VBD"):
        return
    rules = rules_for(lex.modifiers, m, lex)
    if not rules:
        return
    mods = [c for c in m.children if c.dep_ in ("npadvmod", "compound", "nmod", "advmod", "poss") and etype(c)]
    before = m.doc[m.i - 2] if m.i >= 2 else None
    if not mods and before is not None and m.doc[m.i - 1].text == "-" and etype(before) and not before.whitespace_:
        mods = [before]     # 'the Andreessen Horowitz-backed start-up', the name hung on the noun
    if not mods:
        return
    if any(r.relation == "located_in" for r in rules):
        mods = _city_before(mods) + mods
    town = m.head.head if m.head.dep_ == "appos" else None
    if town is not None and town in mods and town.dep_ in ("appos", "dobj", "pobj", "nsubj") and etype(town) == "PLACE":
        # ('Nvidia, the Santa Clara, California-based chipmaker', parsed with the description as the
        # town's apposition): the description stands where the town stands
        modified = [town.head] if town.dep_ == "appos" and etype(town.head) == "ORG" else referents(town, lex)
    else:
        modified = _name_after(m.head) or referents(m.head, lex)
    # ('The Edinburgh-based bank, whose subsidiaries include Royal Bank of Scotland': not the names
    # of a clause about the noun)
    clauses = [c for c in m.head.children if c.dep_ == "relcl"]
    modified = [e for e in modified if not any(e.i in (w.i for w in c.subtree) for c in clauses)]
    for rule in rules:
        if rule.modifier_is == "head":
            out.add(rule, mods, modified, m)
        else:
            out.add(rule, modified, mods, m)


def _name_after(n: Token) -> list[Token]:
    """'The Paris-based startup Mistral AI raised ...' parsed as two subjects: the name right after
    the noun, a sibling of the same kind, is what the noun describes."""
    nxt = n.doc[n.i + 1] if n.i + 1 < len(n.doc) else None
    if nxt is None or not etype(nxt) or nxt.head.i != n.head.i or nxt.dep_ != n.dep_ or n.dep_ == "conj":
        return []
    return [nxt]


def _city_before(places: list[Token]) -> list[Token]:
    """'the Livingston, New Jersey-based company': the town before the state is a place too,
    whatever the tagger made of it."""
    out = []
    for p in places:
        doc = p.doc
        # ('the Santa Clara, California-based ...', the article taken into the town's name)
        if etype(p) == "PLACE" and p.i >= 2 and doc[p.i - 1].text == "," \
                and doc[p.i - 2].text.removeprefix("the ")[:1].isupper() \
                and (etype(doc[p.i - 2]) == "PLACE" or etype(doc[p.i - 2]) and not doc[p.i - 2].ent_id_):
            doc.user_data.setdefault(AS_PLACE, set()).add(p.i - 2)
            out.append(doc[p.i - 2])
    return out

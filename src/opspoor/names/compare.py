"""How alike two parsed names are, part by part, with the reasons.

    >>> from opspoor.names.parts import parse_name
    >>> cmp = compare_names(parse_name("KOSHLAF, Mohamed"), parse_name("Mohamed al-Amin al-Arabi Kashlaf"))
    >>> round(cmp.score, 2) > 0.7, cmp.explain()
    (True, 'mohamed = mohamed; koshlaf ~ kashlaf (sounds alike); not in query: amin, arabi')

The parts of both names are aligned (any order: lists write "LAST, First", people reorder), each
pair scored by `part_similarity` (same word, same name in another spelling, same consonant
skeleton, edit distance, initial), adjacent parts may match one joined part ("Fridrich
Buchenberg" / "FridrichBuchenberg"). The score then weighs what matched against what did not:
rare parts count more than common ones (the frequency model), a part of the query that finds
no partner costs more than a part of the listed name that the query leaves out (lists carry
full names with fathers' names, queries often do not), a listed person's family name that the
query misses costs extra, and a query made only of very common parts ("Mohammed Al Amin")
cannot reach a high score on its own.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from rapidfuzz.distance import OSA, Levenshtein

from opspoor.names.chinese import romanisation_key
from opspoor.names.frequency import FrequencyModel
from opspoor.names.keys import skeleton
from opspoor.names.parts import (
    INITIAL,
    LEGAL,
    NAME,
    NUMBER,
    PARTICLE,
    PATRONYMIC,
    PLACE,
    STOP,
    SURNAME,
    NamePart,
    ParsedName,
)
from opspoor.names.tables import tables

SAME = "same"
SPELLING = "spelling variant"
COGNATE = "same name in another language"
PET_FORM = "pet form"
SOUNDS = "sounds alike"
SIMILAR = "similar spelling"
INITIAL_OF = "initial"
SHORTENED = "shortened"
JOINED = "joined"
TYPO = "misspelt"
ACRONYM = "initials"
ACRONYM_SIM = 0.8
ACRONYM_MIN, ACRONYM_MAX = 2, 6
ROMANISATION = "same syllables in another romanisation"
ROMANISATION_SIM = 0.85

# below this two name parts are different names (tuned on name_bench: "Sancho"/"Sanchez" 0.71,
# "Castillo"/"Castro" are different people; "Scholze"/"Scholz" 0.86 a spelling slip)
MIN_PART_SIM = 0.76
# fixed weights for parts that are not names
KIND_WEIGHT = {PARTICLE: 0.06, LEGAL: 0.12, STOP: 0.0, INITIAL: 0.22, PLACE: 0.5}
KUNYA_PARTICLE_WEIGHT = 0.2
# what an unexplained part on one side only (a fuller name) costs, against a matched part
EXTRA_COST = 0.3
EXTRA_COST_ORG = 0.8  # a word more in a company name is often another company of the group
PLACE_EXTRA_FACTOR = 0.75  # "Banco Santander Mexico" is a branch of "Banco Santander"
NUMBER_CONFLICT_FACTOR = 0.9  # "Fund VII" / "Fund VIII": a series, often listed together
# leftover words of organisation names this alike are one word misspelt, unless both are
# ordinary words of company names (Railway/Railroad, Gas/Oil)
ORG_TYPO_SIM = 0.65
SERVANT_SIM = 0.85  # "Abdul Hanif" / "Hanif"
ONE_EDIT_SIM = 0.8
# a leftover person-name part this few edits from the other side's is the same name misspelt
# ("Starkey"/"Starmer", "Khaja"/"Khan"): like Elasticsearch's AUTO fuzziness, but two edits from
# five letters (tuned on name_bench: no pair labelled "different" moved, 15 "same" ones did)
TYPO_RESCUE_SIM = 0.7
TYPO_TWO_EDITS_FROM = 5
SERVANT = "with and without Abd"
NUMBER_EXTRA_FACTOR = 0.8
LEGAL_CONFLICT_FACTOR = 0.75
# English words for "company" that say nothing about the legal form
GENERIC_LEGAL = frozenset(
    {"company", "corporation", "corp", "co", "inc", "incorporated", "limited", "ltd", "coltd"}
)  # "Bowne Global Solutions II" is not "Bowne Global Solutions"
# each pair of parts that contradict each other (both names have a part the other lacks)
CONFLICT_FACTOR = 0.62
ROLE_SWAP_FACTOR = 0.6
FAMILY_MISS_FACTOR = 0.72
# Slavic family names: feminine ending, masculine endings (Ivanova/Ivanov, Gorskaya/Gorsky)
SLAVIC_GENDER_ENDINGS = (
    ("ova", ("ov",)),
    ("eva", ("ev",)),
    ("yna", ("yn",)),
    ("skaya", ("sky", "skiy", "skii", "ski")),
    ("skaia", ("sky", "skiy", "skii", "ski")),
)
GENDER_FORM_FACTOR = 0.7
# information (nats) a match must carry before it may score full marks; more when the family
# name of the fuller name is missing (a bare "Mohammed Al Amin" names many people)
FULL_INFORMATION = 8.0
FULL_INFORMATION_NO_FAMILY = 12.5
INITIAL_INFORMATION = 1.5


class PartMatch(NamedTuple):
    q: tuple[int, ...]
    c: tuple[int, ...]
    score: float
    how: str


class NameComparison(NamedTuple):
    score: float
    query: ParsedName
    candidate: ParsedName
    matches: tuple[PartMatch, ...]
    q_missing: tuple[int, ...]  # query parts without partner
    c_missing: tuple[int, ...]  # candidate parts without partner
    notes: tuple[str, ...]

    def explain(self) -> str:
        """One line a person can read: which parts matched how, and what found no partner."""
        out: list[str] = []
        qp, cp = self.query.parts, self.candidate.parts
        for m in self.matches:
            qs = " ".join(qp[i].form for i in m.q)
            cs = " ".join(cp[j].form for j in m.c)
            if m.how == SAME:
                out.append(f"{qs} = {cs}")
            else:
                out.append(f"{qs} ~ {cs} ({m.how})")
        q_names = [qp[i].form for i in self.q_missing if qp[i].kind in (NAME, NUMBER, INITIAL)]
        c_names = [cp[j].form for j in self.c_missing if cp[j].kind in (NAME, NUMBER)]
        if q_names:
            out.append("not in listed name: " + ", ".join(q_names))
        if c_names:
            out.append("not in query: " + ", ".join(c_names))
        out.extend(self.notes)
        return "; ".join(out) if out else "no parts to compare"


_SIM_CACHE: dict[tuple[str, str, str, str], tuple[float, str]] = {}


def _word_similarity(a: str, b: str) -> float:
    """Edit-distance similarity that forgives less in short words."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    longest = max(la, lb)
    dist = OSA.distance(a, b, score_cutoff=longest // 2 + 1)
    sim = 1.0 - dist / longest
    if min(la, lb) <= 3:
        sim -= 0.15
    return max(0.0, sim)


def part_similarity(a: NamePart, b: NamePart) -> tuple[float, str]:
    """0..1 and how: are these two name parts the same word, however spelt?"""
    ka, kb = a.kind, b.kind
    if ka == STOP or kb == STOP:
        return (1.0, SAME) if a.form == b.form else (0.0, "")
    if ka == NUMBER or kb == NUMBER:
        return (1.0, SAME) if a.form == b.form else (0.0, "")
    if ka == PLACE and kb == PLACE:
        return (
            (1.0, SAME)
            if a.form == b.form
            else ((0.95, SPELLING) if a.canon == b.canon else (0.0, ""))
        )
    if ka == INITIAL or kb == INITIAL:
        if ka == kb:
            return (1.0, SAME) if a.form == b.form else (0.0, "")
        if a.form[:1] == b.form[:1]:
            return 0.8, INITIAL_OF
        return 0.0, ""
    if ka == PARTICLE or kb == PARTICLE:
        if ka == kb:
            return (1.0, SAME) if a.canon == b.canon else (0.0, "")
        return 0.0, ""
    if ka == LEGAL or kb == LEGAL:
        if ka == kb and a.canon == b.canon:
            return 1.0, SAME
        return 0.0, ""
    key = (a.form, a.canon, b.form, b.canon)
    hit = _SIM_CACHE.get(key)
    if hit is not None:
        return hit
    result = _name_similarity(a, b)
    if len(_SIM_CACHE) > 500_000:
        _SIM_CACHE.clear()
    _SIM_CACHE[key] = result
    return result


def _name_similarity(a: NamePart, b: NamePart) -> tuple[float, str]:
    if a.form == b.form:
        return 1.0, SAME
    if a.canon == b.canon:
        return 0.95, SPELLING
    t = tables()
    known_a, known_b = a.form in t.forms, b.form in t.forms
    relation = t.relation(a.canon, b.canon)
    if relation == "cognate":
        return 0.88, COGNATE
    if relation == "hypocorism":
        return 0.82, PET_FORM
    if known_a and known_b:
        # two names the table knows apart (Mohamed, Ahmed) are different names
        return 0.0, ""
    # "Abd al-Rahim" and "Abd al-Rahman" differ as Rahim and Rahman do
    if (
        a.canon.startswith("abd")
        and b.canon.startswith("abd")
        and len(a.canon) > 4
        and len(b.canon) > 4
    ):
        ra, rb = a.canon[3:], b.canon[3:]
        rest_a = NamePart(ra, t.canonical(ra), skeleton(t.canonical(ra)), NAME, "")
        rest_b = NamePart(rb, t.canonical(rb), skeleton(t.canonical(rb)), NAME, "")
        return _name_similarity(rest_a, rest_b)
    # "Abdul Hanif" and "Hanif": the same name with and without "servant of"
    for x, y in ((a.canon, b.canon), (b.canon, a.canon)):
        if x.startswith("abd") and len(y) >= 3 and x[3:] == y:
            return SERVANT_SIM, SERVANT
    sim = max(_word_similarity(a.form, b.form), _word_similarity(a.canon, b.canon))
    how = SIMILAR
    # a Chinese name in Pinyin and in Wade-Giles ("Tse-tung" / "Zedong", "Hsi" / "Xi")
    if sim < ROMANISATION_SIM:
        ka = romanisation_key(a.form)
        if ka is not None and ka == romanisation_key(b.form):
            return ROMANISATION_SIM, ROMANISATION
    # one letter typed wrong, left out, added or swapped (Tom/Tim, Cock/Cook, Ssad/Asad)
    if (
        sim < ONE_EDIT_SIM
        and min(len(a.form), len(b.form)) >= 3
        and OSA.distance(a.form, b.form, score_cutoff=1) <= 1
    ):
        sim = ONE_EDIT_SIM
    if a.key == b.key and len(a.key) >= 3:
        if sim < 0.9:
            sim, how = 0.9, SOUNDS
    elif len(a.key) >= 4 and len(b.key) >= 4:
        ksim = _word_similarity(a.key, b.key) * 0.9
        if ksim > sim:
            sim, how = ksim, SOUNDS
    # an article written joined to the word: "Almilad" / "Milad"
    for x, y in ((a.form, b.form), (b.form, a.form)):
        if len(x) >= len(y) + 2 and x[:2] in ("al", "el") and len(y) >= 3:
            s2 = _word_similarity(x[2:], y) * 0.95
            if s2 > sim:
                sim, how = s2, SIMILAR
    return sim, how


def _weight(part: NamePart, kind: str, freq: FrequencyModel) -> float:
    if part.kind == NAME:
        return freq.weight(part.canon, kind)
    if part.kind == NUMBER:
        return 0.8
    if part.kind == PARTICLE and part.canon == "abu":
        return KUNYA_PARTICLE_WEIGHT
    return KIND_WEIGHT.get(part.kind, 0.1)


CONFLICTING = (NAME, INITIAL, NUMBER, PLACE)


def _known_word(part: NamePart, kind: str) -> bool:
    """A word seen in several names of the shipped lists (or a generic company word)."""
    if kind == "org" and part.form in tables().org_generic:
        return True
    return FrequencyModel.default().counts[kind].get(part.canon, 0) >= 2


def _is_abbreviation(short: str, full: str) -> bool:
    """ "intl" for "international": the letters of the short word, in order, starting alike."""
    if (
        len(short) < 3
        or len(full) < len(short) + 3
        or short[0] != full[0]
        or full.startswith(short)
    ):
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _typo(a: str, b: str) -> bool:
    """Two words within the edits a search engine forgives in a word of this length."""
    longest = max(len(a), len(b))
    allowed = 0 if longest <= 2 else 1 if longest < TYPO_TWO_EDITS_FROM else 2
    return allowed > 0 and OSA.distance(a, b, score_cutoff=allowed) <= allowed


def _rescue(
    a: NamePart, b: NamePart, qname: ParsedName, cname: ParsedName, kind: str
) -> tuple[float, str] | None:
    """A second look at two leftover parts that would otherwise contradict each other."""
    if kind == "org":
        sim = _word_similarity(a.form, b.form)
        if sim >= ORG_TYPO_SIM and not (_known_word(a, kind) and _known_word(b, kind)):
            return sim, SIMILAR
        short, full = (a.form, b.form) if len(a.form) < len(b.form) else (b.form, a.form)
        if _is_abbreviation(short, full):
            return 0.8, SHORTENED
        return None
    # a misspelt name part, within the edits a search engine forgives in a word this long
    if _typo(a.form, b.form):
        return TYPO_RESCUE_SIM, TYPO
    # a person's name cut short at the end of a long name ("... BELKASSEM DR" / "DRISSI")
    for x, xname, y in ((a, qname, b), (b, cname, a)):
        if len(x.form) < 2 or len(y.form) < 2 * len(x.form) or not y.form.startswith(x.form):
            continue
        names = [p for p in xname.parts if p.kind == NAME]
        if len(names) >= 3 and names[-1] is x:
            return 0.8, SHORTENED
    return None


def _initials_match(
    short: tuple[NamePart, ...],
    full: tuple[NamePart, ...],
    used_short: set[int],
    used_full: set[int],
    flip: bool = False,
) -> PartMatch | None:
    """An organisation's acronym against the words it abbreviates ("PLA" / "People's Liberation
    Army"): one free word of 2-6 letters on one side, the initials of the other side's free words
    (with or without "of", "and") on the other."""
    words = [i for i in range(len(short)) if i not in used_short and short[i].kind == NAME]
    if len(words) != 1:
        return None
    acronym = short[words[0]].form
    if not (ACRONYM_MIN <= len(acronym) <= ACRONYM_MAX and acronym.isalpha()):
        return None
    for idx, initials in acronym_forms(full, used_full):
        if initials == acronym:
            pair = ((words[0],), idx)
            q, c = (pair[1], pair[0]) if flip else pair
            return PartMatch(q, c, ACRONYM_SIM, ACRONYM)
    return None


def acronym_forms(
    parts: tuple[NamePart, ...], used: set[int] | frozenset[int] = frozenset()
) -> list[tuple[tuple[int, ...], str]]:
    """The initials an organisation name of 2-6 free words may be shortened to, without and with
    its function words ("People's Liberation Army" -> "pla"), each with the parts it covers."""
    out = []
    for kinds in ((NAME, PLACE), (NAME, PLACE, STOP)):
        idx = tuple(j for j, p in enumerate(parts) if j not in used and p.kind in kinds)
        if ACRONYM_MIN <= len(idx) <= ACRONYM_MAX:
            out.append((idx, "".join(parts[j].form[0] for j in idx)))
    return out


def _information(part: NamePart, weight: float, kind: str, freq: FrequencyModel) -> float:
    if part.kind == NAME:
        return freq.information(part.canon, kind)
    if part.kind == NUMBER:
        return 4.0
    if part.kind == INITIAL:
        return INITIAL_INFORMATION
    return 0.0


def _take(
    edges: list[tuple[float, tuple[int, ...], tuple[int, ...], str]],
    wq: list[float],
    wc: list[float],
    used_q: set[int],
    used_c: set[int],
    matches: list[PartMatch],
) -> None:
    """Greedy alignment: best pairs first, among equals the heavier (rarer) parts first."""
    edges.sort(
        key=lambda e: (e[0], sum(wq[i] for i in e[1]) + sum(wc[j] for j in e[2])), reverse=True
    )
    for sim, qi, cj, how in edges:
        if used_q.intersection(qi) or used_c.intersection(cj):
            continue
        used_q.update(qi)
        used_c.update(cj)
        matches.append(PartMatch(qi, cj, sim, how))


def _joined_edges(
    left: tuple[NamePart, ...],
    right: tuple[NamePart, ...],
    left_free: set[int],
    right_free: set[int],
    flip: bool,
) -> list[tuple[float, tuple[int, ...], tuple[int, ...], str]]:
    """Two or three adjacent free parts on one side against one free part on the other."""
    edges: list[tuple[float, tuple[int, ...], tuple[int, ...], str]] = []
    n = len(left)
    lengths = [len(right[j].form) for j in right_free if right[j].kind in (NAME, LEGAL)]
    if not lengths:
        return edges
    shortest, longest = min(lengths) - 3, max(lengths) + 3
    for size in (2, 3):
        for i in range(n - size + 1):
            idx = tuple(range(i, i + size))
            if not left_free.issuperset(idx):
                continue
            total = sum(len(left[k].form) for k in idx)
            if total < shortest or total > longest:
                continue
            joined = "".join(left[k].form for k in idx)
            for j in right_free:
                r = right[j]
                if r.kind not in (NAME, LEGAL) or abs(len(r.form) - len(joined)) > 3:
                    continue
                sim = _word_similarity(joined, r.form)
                if sim >= 0.8:
                    edge = (
                        (sim * 0.98, (j,), idx, JOINED) if flip else (sim * 0.98, idx, (j,), JOINED)
                    )
                    edges.append(edge)
    return edges


def _gendered_pair(a: NamePart, b: NamePart) -> bool:
    """One part the feminine form of a Slavic family name, the other the masculine one."""
    if a.kind != NAME or b.kind != NAME or a.form == b.form:
        return False
    for x, y in ((a.form, b.form), (b.form, a.form)):
        for fem, masc in SLAVIC_GENDER_ENDINGS:
            if (
                x.endswith(fem)
                and len(x) - len(fem) >= 3
                and any(y.endswith(m) for m in masc)
                and not y.endswith(fem)
            ):
                return True
    return False


def _family_part(name: ParsedName) -> int | None:
    """Index of the family name of a person's name: the part after a "LAST," comma, else the last
    name part (None for one-part names)."""
    names = [i for i, p in enumerate(name.parts) if p.kind == NAME]
    if len(names) < 2:
        return None
    surnames = [i for i in names if name.parts[i].role == SURNAME]
    if surnames:
        return surnames[-1]
    return names[-1]


def _syllabic_score(q: ParsedName, c: ParsedName) -> float | None:
    """Names in Han, Hangul or Kana on both sides: one different sign is another name."""
    if not q.compact or not c.compact or q.scripts != c.scripts:
        return None
    if q.compact == c.compact:
        return 1.0
    sim = 1.0 - Levenshtein.distance(q.compact, c.compact) / max(len(q.compact), len(c.compact))
    return max(0.0, sim) ** 3


def compare_names(
    query: ParsedName,
    candidate: ParsedName,
    freq: FrequencyModel | None = None,
    floor: float = 0.0,
) -> NameComparison:
    """Compare two parsed names; `score` is 0..1.

    With a `floor`, a comparison whose score can be seen early to stay below it stops there
    (its score is then an upper bound, below `floor`): the index uses this to drop junk fast."""
    freq = freq or FrequencyModel.default()
    kind = "org" if "org" in (query.kind, candidate.kind) else "person"
    qp, cp = query.parts, candidate.parts
    syllabic = _syllabic_score(query, candidate)
    if syllabic is not None:
        return NameComparison(syllabic, query, candidate, (), (), (), ("compared sign by sign",))
    if not qp or not cp:
        return NameComparison(
            0.0, query, candidate, (), tuple(range(len(qp))), tuple(range(len(cp))), ()
        )

    wq = [_weight(p, kind, freq) for p in qp]
    wc = [_weight(p, kind, freq) for p in cp]
    edges: list[tuple[float, tuple[int, ...], tuple[int, ...], str]] = []
    for i, a in enumerate(qp):
        for j, b in enumerate(cp):
            sim, how = part_similarity(a, b)
            if sim >= MIN_PART_SIM:
                edges.append((sim, (i,), (j,), how))
    used_q: set[int] = set()
    used_c: set[int] = set()
    matches: list[PartMatch] = []
    if not edges and kind != "org" and len(qp) == 1 and len(cp) == 1:
        # nothing in common and no way to join or rescue parts: different names
        return NameComparison(
            0.0, query, candidate, (), tuple(range(len(qp))), tuple(range(len(cp))), ()
        )
    _take(edges, wq, wc, used_q, used_c, matches)
    # parts left over on both sides may be one word written apart on the other side
    # ("Fridrich Buchenberg" / "FridrichBuchenberg", "Patr ushev" / "Patrushev")
    q_free = [i for i in range(len(qp)) if i not in used_q]
    c_free = [j for j in range(len(cp)) if j not in used_c]
    if q_free and c_free and (len(q_free) > 1 or len(c_free) > 1):
        joined = _joined_edges(qp, cp, set(q_free), set(c_free), flip=False)
        joined += _joined_edges(cp, qp, set(c_free), set(q_free), flip=True)
        _take(joined, wq, wc, used_q, used_c, matches)

    # leftovers on both sides: a misspelt company word, a name cut short at the end of a field
    q_rest = [i for i in range(len(qp)) if i not in used_q and qp[i].kind == NAME]
    c_rest = [j for j in range(len(cp)) if j not in used_c and cp[j].kind == NAME]
    if q_rest and c_rest:
        rescued = []
        for i in q_rest:
            for j in c_rest:
                second = _rescue(qp[i], cp[j], query, candidate, kind)
                if second is not None:
                    rescued.append((second[0], i, j, second[1]))
        rescued.sort(reverse=True)
        for sim, i, j, how in rescued:
            if i in used_q or j in used_c:
                continue
            used_q.add(i)
            used_c.add(j)
            matches.append(PartMatch((i,), (j,), sim, how))

    if kind == "org":
        initials = _initials_match(qp, cp, used_q, used_c) or _initials_match(
            cp, qp, used_c, used_q, flip=True
        )
        if initials is not None:
            used_q.update(initials.q)
            used_c.update(initials.c)
            matches.append(initials)

    q_missing = tuple(i for i in range(len(qp)) if i not in used_q)
    c_missing = tuple(j for j in range(len(cp)) if j not in used_c)
    if not matches:
        return NameComparison(0.0, query, candidate, (), q_missing, c_missing, ())
    notes: list[str] = []

    # matched mass (average of both sides), and what the matches lose to imperfect spelling
    q_hit = sum(wq[i] * m.score for m in matches for i in m.q)
    c_hit = sum(wc[j] * m.score for m in matches for j in m.c)
    hit = (q_hit + c_hit) / 2
    if hit <= 0:
        return NameComparison(0.0, query, candidate, tuple(matches), q_missing, c_missing, ())
    lost = sum(wq[i] * (1 - m.score) for m in matches for i in m.q) / 2
    lost += sum(wc[j] * (1 - m.score) for m in matches for j in m.c) / 2
    # parts left over: where both names have some, they contradict each other (conflicts);
    # the rest is a fuller name on one side (extra)
    q_left = sorted((i for i in q_missing if qp[i].kind in CONFLICTING), key=lambda i: -wq[i])
    c_left = sorted((j for j in c_missing if cp[j].kind in CONFLICTING), key=lambda j: -wc[j])
    conflicts = min(len(q_left), len(c_left))
    # "Abdul Khudai" matched to "Khudai" while the other name has a word of its own there
    # ("Wali Khudai"): the Abdul and that word contradict each other
    for m in matches:
        if m.how == SERVANT:
            plain_left = c_left if cp[m.c[0]].canon.startswith("abd") is False else q_left
            plain_parts = cp if plain_left is c_left else qp
            # unless the plain side has its own Abd, joined to another word there
            # ("Abdul Haqqani Manan" / "Abdul Manan")
            if any(plain_parts[k].canon.startswith("abd") for k in plain_left):
                continue
            if len(plain_left) > conflicts:
                conflicts += 1
                if plain_left is q_left:
                    c_left = [*c_left, m.c[0]]
                else:
                    q_left = [*q_left, m.q[0]]
    extra_parts = [wq[i] for i in q_missing if i not in q_left[:conflicts]]
    extra_parts += [wc[j] for j in c_missing if j not in c_left[:conflicts]]
    extra = (EXTRA_COST_ORG if kind == "org" else EXTRA_COST) * sum(extra_parts)
    score = hit / (hit + lost + extra)
    if conflicts:
        paired = list(zip(q_left, c_left, strict=False))
        for i, j in paired:
            if qp[i].kind == NUMBER and cp[j].kind == NUMBER:
                score *= NUMBER_CONFLICT_FACTOR
            else:
                score *= CONFLICT_FACTOR
    if score < floor:
        # every later step can only lower the score
        return NameComparison(
            score, query, candidate, tuple(matches), q_missing, c_missing, ("below floor",)
        )
    if conflicts:
        pairs = ", ".join(
            f"{qp[i].form}/{cp[j].form}" for i, j in zip(q_left, c_left, strict=False)
        )
        notes.append(f"different: {pairs}")

    if (
        kind == "org"
        and any(
            p.kind == NUMBER
            for k, p in enumerate(qp + cp)
            if (k in q_missing if k < len(qp) else k - len(qp) in c_missing)
        )
        and not conflicts
    ):
        score *= NUMBER_EXTRA_FACTOR
        notes.append("number on one side only")
    # different legal forms of the same name (an autonomous non-profit "ANO" is not the "LLC")
    q_forms = {p.canon for p in qp if p.kind == LEGAL and p.form not in GENERIC_LEGAL}
    c_forms = {p.canon for p in cp if p.kind == LEGAL and p.form not in GENERIC_LEGAL}
    if q_forms and c_forms and not q_forms & c_forms:
        score *= LEGAL_CONFLICT_FACTOR
        notes.append(
            f"different legal forms: {', '.join(sorted(q_forms))}/{', '.join(sorted(c_forms))}"
        )
    places = [p for k, p in enumerate(qp) if k in q_missing and p.kind == PLACE]
    places += [p for k, p in enumerate(cp) if k in c_missing and p.kind == PLACE]
    if places and not conflicts:
        score *= PLACE_EXTRA_FACTOR
        notes.append("country on one side only: " + ", ".join(p.form for p in places))

    # a father's name matched against the person's own name: "Salman bin Mohammed" is not
    # "Mohammed bin Salman", and Oleksandr is not Volodymyr Oleksandrovych
    q_has_father = any(p.role == PATRONYMIC for p in qp)
    c_has_father = any(p.role == PATRONYMIC for p in cp)
    if q_has_father or c_has_father:
        for m in matches:
            if len(m.q) != 1 or len(m.c) != 1:
                continue
            pq, pc = qp[m.q[0]], cp[m.c[0]]
            if pq.kind != NAME or (pq.role == PATRONYMIC) == (pc.role == PATRONYMIC):
                continue
            # only a contradiction when the side without the father's role names a father too,
            # or the match is with a Slavic patronymic (which is never a given name)
            plain_side_has_father = c_has_father if pq.role == PATRONYMIC else q_has_father
            if plain_side_has_father or m.how != SAME:
                score *= ROLE_SWAP_FACTOR
                notes.append(f"{pq.form}: father's name on one side only")
                break

    # a Slavic family name in its feminine and its masculine form (Baranova / Baranov) names
    # two people: a woman and a man of one family
    if kind == "person":
        for m in matches:
            if len(m.q) == 1 and len(m.c) == 1 and _gendered_pair(qp[m.q[0]], cp[m.c[0]]):
                score *= GENDER_FORM_FACTOR
                notes.append(f"{qp[m.q[0]].form}/{cp[m.c[0]].form}: female and male forms")
                break

    # information carried by the match: common parts say little
    info = 0.0
    for m in matches:
        side_q = sum(_information(qp[i], wq[i], kind, freq) for i in m.q)
        side_c = sum(_information(cp[j], wc[j], kind, freq) for j in m.c)
        info += m.score * min(side_q, side_c)
    need = FULL_INFORMATION
    # the family name of the fuller person name, left out by the other one
    if kind == "person":
        q_names = sum(1 for p in qp if p.kind == NAME)
        c_names = sum(1 for p in cp if p.kind == NAME)
        longer, missing, other_n = (
            (candidate, c_missing, q_names) if c_names >= q_names else (query, q_missing, c_names)
        )
        fam = _family_part(longer)
        in_conflict = fam in (c_left[:conflicts] if longer is candidate else q_left[:conflicts])
        if fam is not None and fam in missing and other_n >= 2 and not in_conflict:
            need = FULL_INFORMATION_NO_FAMILY
            notes.append(f"family name {longer.parts[fam].form} missing")
    if info < need:
        score *= math.sqrt(max(info, 0.0) / need)
        notes.append("only common name parts match")
    return NameComparison(
        max(0.0, min(1.0, score)),
        query,
        candidate,
        tuple(matches),
        q_missing,
        c_missing,
        tuple(notes),
    )

"""STKit-Bench scoring in Python: a faithful port of the deterministic answer
extractor and the per-sample metrics of ``@stkit/bench`` (SPEC section 6), so
that lmms-eval and VLMEvalKit give the same verdict as ``stkit-bench evaluate``.

Module-level imports are the Python standard library only. The lmms-eval hooks
(``doc_to_visual``, ``doc_to_text``, ``process_results`` and the aggregations)
are at the end. A CI test runs this file over a corpus of model responses and
compares every verdict with the TypeScript extractor's.

Porting notes (JavaScript regular-expression semantics in ``re``): every
pattern is compiled with ``re.ASCII`` (JavaScript's ``\\b``, ``\\w`` and ``\\d``
are ASCII); the normalised text has no non-ASCII whitespace, so ``\\s`` agrees
too; ``$`` of a pattern without the multiline flag is ``\\Z``; offsets count
UTF-16 code units as JavaScript's do (characters outside the Basic
Multilingual Plane are split into surrogate pairs after normalisation).
"""

import json
import math
import os
import re
import unicodedata

__all__ = [
    "normalize_response",
    "scan_quantities",
    "extract_magnitude",
    "extract_clock",
    "extract_interval",
    "extract_compared_object_index",
    "extract_same_direction",
    "extract_answer",
    "score_sample",
    "mean_relative_accuracy",
    "evaluate",
    "doc_to_visual",
    "doc_to_text",
    "doc_to_target",
    "process_results",
]

_A = re.ASCII


def _c(pattern, flags=0):
    return re.compile(pattern, _A | flags)


def _utf16_units(text):
    """``text`` with every astral character split into its UTF-16 surrogate pair (JavaScript string offsets)."""
    if all(ord(ch) < 0x10000 for ch in text):
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x10000:
            out.append(ch)
        else:
            code -= 0x10000
            out.append(chr(0xD800 + (code >> 10)))
            out.append(chr(0xDC00 + (code & 0x3FF)))
    return "".join(out)


# ---------------------------------------------------------------- normalize

_LATEX_WRAPPERS = _c(r"\\(?:text|mathrm|mathbf|textbf|textit|operatorname|mbox)\s*\{([^{}]*)\}")
_THINK = re.compile(r"<think>[\s\S]*?</think>", re.IGNORECASE | re.ASCII)
_UNICODE_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]")


def normalize_response(text):
    """The normalised response (lower case, markup removed); positions in it are what the extractors report."""
    out = _THINK.sub(" ", text)
    out = unicodedata.normalize("NFKC", out).lower()
    out = _utf16_units(out)
    out = re.sub(r"\r\n?|[\u2028\u2029]", "\n", out)
    out = _UNICODE_SPACE.sub(" ", out)
    out = re.sub("[\u2018\u2019\u02bc\u0060\u00b4]", "'", out)
    out = re.sub("[\u201c\u201d]", '"', out)
    out = _LATEX_WRAPPERS.sub(r" \1 ", out)
    out = _LATEX_WRAPPERS.sub(r" \1 ", out)
    out = _c(r"\\approx|\\sim").sub(" approximately ", out)
    out = _c(r"\\times").sub(" x ", out)
    out = _c(r"\\[,;:! ]|\\quad|\\\(|\\\)|\\\[|\\\]|\$").sub(" ", out)
    out = _c(r"`+").sub(" ", out)
    out = _c(r"\*+").sub(" ", out)
    out = _c(r"(^|[^a-z0-9])_+|_+(?=[^a-z0-9]|\Z)").sub(r"\1 ", out)
    out = _c("^[ \\t]*(?:#{1,6}|>+|[-+\u2022]|\\d{1,2}[.)])[ \\t]+", re.MULTILINE).sub("", out)
    out = out.replace("|", " ; ")
    out = re.sub("[\u2010-\u2015\u2212]", "-", out)
    out = re.sub("[~\u2248\u223c]", " approximately ", out)
    out = _c(r"(\d),(?=\d{3}(?!\d))").sub(r"\1", out)
    out = _c(r"[ \t]+").sub(" ", out)
    return _js_trim(out)


_JS_WHITESPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _js_trim(text):
    return text.strip(_JS_WHITESPACE)


# ---------------------------------------------------------------- select

_SENTENCE_BREAK = _c(r"[.!?](?=\s|\Z)|[;\n]")


def sentence_starts(text):
    return [0] + [m.start() + 1 for m in _SENTENCE_BREAK.finditer(text)]


def sentence_of(starts, offset):
    index = 0
    while index + 1 < len(starts) and starts[index + 1] <= offset:
        index += 1
    return index


VALUE_CUES = _c(r"\b(?:in total|total|totals|overall|altogether|in all|answer|therefore|thus|hence|so|final|finally|result|conclusion|estimate|estimated)\b")
DIRECTION_CUES = _c(r"\b(?:end|ends|ending|final|finally|last|lastly|eventually|ultimately|answer|therefore|thus|hence|then|turns?|now)\b")


def select_candidate(text, candidates, cues):
    """Candidates are dicts with ``start``; see select.ts."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    starts = sentence_starts(text)
    sentences = [sentence_of(starts, c["start"]) for c in candidates]
    cue_offsets = [m.start() for m in cues.finditer(text)]
    for cue in reversed(cue_offsets):
        sentence = sentence_of(starts, cue)
        before = None
        for index, candidate in enumerate(candidates):
            if sentences[index] != sentence:
                continue
            if candidate["start"] >= cue:
                return candidate
            before = candidate
        if before is not None:
            return before
    return candidates[0]


# ---------------------------------------------------------------- quantities

SMALL_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_NUMBER = "(?:(?:%s)(?:[- ](?:%s))?|%s)" % ("|".join(TENS_WORDS), "|".join(SMALL_WORDS[1:10]), "|".join(reversed(SMALL_WORDS)))


def word_to_number(word):
    parts = re.split(r"[- ]", word)
    if len(parts) == 1 and parts[0] in SMALL_WORDS:
        return SMALL_WORDS.index(parts[0])
    if parts[0] not in TENS_WORDS:
        return None
    tens = TENS_WORDS.index(parts[0])
    units = SMALL_WORDS.index(parts[1]) if len(parts) > 1 and parts[1] in SMALL_WORDS else 0
    return (tens + 2) * 10 + max(units, 0)


# @stkit/core units.
METERS_PER = {"m": 1, "cm": 0.01, "km": 1000, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144, "in": 0.0254}
METERS_PER_SECOND_PER = {"m/s": 1, "km/h": 1000 / 3600, "mph": 1609.344 / 3600, "ft/s": 0.3048}

_END = r"(?![a-z/])"
_PER = r"(?:\s*(?:per|/)\s*|\s+an?\s+)"
_METERS = r"(?:meters?|metres?)"
_KILOMETERS = r"(?:kilometers?|kilometres?)"

UNIT_RULES = [
    (_c(_METERS + _PER + r"(?:seconds?|secs?|s)" + _END), "speed", 1),
    (_c(r"m\s*/\s*(?:s|sec)" + _END + r"|m\s*s\^?-1" + _END + r"|mps" + _END + r"|m" + _PER + r"(?:seconds?|secs?)" + _END), "speed", 1),
    (_c(_KILOMETERS + _PER + r"(?:hours?|hr|h)" + _END), "speed", METERS_PER_SECOND_PER["km/h"]),
    (_c(r"km\s*/\s*(?:h|hr|hour)" + _END + r"|kph" + _END + r"|kmph" + _END + r"|kmh" + _END + r"|km" + _PER + r"(?:hours?|hr)" + _END), "speed", METERS_PER_SECOND_PER["km/h"]),
    (_c(r"miles?" + _PER + r"(?:hours?|hr|h)" + _END + r"|mph" + _END + r"|mi\s*/\s*hr?" + _END), "speed", METERS_PER_SECOND_PER["mph"]),
    (_c(r"(?:feet|foot|ft)" + _PER + r"(?:seconds?|secs?|s)" + _END + r"|ft\s*/\s*s" + _END), "speed", METERS_PER_SECOND_PER["ft/s"]),
    (_c(r"(?:" + _KILOMETERS + r"|km)" + _END), "length", METERS_PER["km"]),
    (_c(r"(?:centimeters?|centimetres?|cm)" + _END), "length", METERS_PER["cm"]),
    (_c(r"(?:millimeters?|millimetres?|mm)" + _END), "length", 0.001),
    (_c(r"(?:" + _METERS + r"|m)" + _END), "length", 1),
    (_c(r"(?:minutes?|mins?)" + _END), "time", 60),
    (_c(r"(?:miles?|mi)" + _END), "length", METERS_PER["mi"]),
    (_c(r"(?:feet|foot|ft)" + _END), "length", METERS_PER["ft"]),
    (_c(r"(?:yards?|yds?)" + _END), "length", METERS_PER["yd"]),
    (_c(r"(?:inch(?:es)?" + _END + r"|in(?=\s*(?:[.,;:)!?]|\Z)))"), "length", METERS_PER["in"]),
    (_c(r"(?:milliseconds?|ms)" + _END), "time", 0.001),
    (_c(r"(?:seconds?|secs?|s)(?![a-z])"), "time", 1),
    (_c(r"(?::00)?\s*-?\s*(?:o'\s?clock|o\s?clock|oclock)|:00\s*(?:direction|position|heading)"), "clock", 1),
    (_c("\\s*(?:%|percent|frames?\\b|fps\\b|objects?\\b|times\\b|x\\b|degrees?\\b|\u00b0|deg\\b|th\\b|st\\b|nd\\b|rd\\b|hz\\b|px\\b|pixels?\\b|d\\b)"), "other", 1),
]

_RATE_AFTER = _c(r"\s*(?:per|/|each|every|a|an)\s+(?:seconds?|secs?|s|frames?|hours?|minutes?|step|timestep|half[- ]second)\b")
_NUMBER = _c(r"(\d+(?:\.\d+)?|\.\d+|\b" + _WORD_NUMBER + r"\b)")
_SPACED = _c(r"[ \t]?-?[ \t]?")


def _char(text, index):
    return text[index] if 0 <= index < len(text) else None


def scan_quantities(text):
    """All numbers of ``text`` (normalised) with their units: dicts value, kind, si, start, end."""
    out = []
    for match in _NUMBER.finditer(text):
        token = match.group(1)
        start = match.start()
        is_word = re.match(r"[a-z]", token) is not None
        value = float(word_to_number(token)) if is_word else float(token)
        end = start + len(token)
        before = _char(text, start - 1) or " "
        if not is_word and (re.match(r"[a-z_]", before) or before == ":"):
            out.append({"value": value, "kind": "other", "si": value, "start": start, "end": end})
            continue
        kind = "unitless"
        si = value
        spaced = _SPACED.match(text, end)
        unit_start = end + (len(spaced.group(0)) if spaced else 0)
        for pattern, rule_kind, factor in UNIT_RULES:
            unit = pattern.match(text, end if rule_kind in ("other", "clock") else unit_start)
            if unit is None:
                continue
            kind = rule_kind
            si = value * factor
            end = unit.end()
            break
        if kind == "unitless" and re.match(r"[a-z]", _char(text, end) or " "):
            kind = "other"
        if kind == "unitless" and _char(text, end) == ":" and re.match(r"\d", _char(text, end + 1) or "", _A):
            kind = "other"
        if kind in ("length", "speed") and _RATE_AFTER.match(text, end) is not None:
            kind = "rate"
        if is_word and kind in ("unitless", "other"):
            continue
        out.append({"value": value, "kind": kind, "si": si, "start": start, "end": end})
    return out


# ---------------------------------------------------------------- magnitude

_RANGE_JOIN = _c(r"^\s*(?:-|to|and|or)\s*\Z")
_EQUIVALENT = _c(r"^\s*(?:,?\s*(?:or|i\.e\.,?|that is|which is)\s*(?:about|approximately|roughly)?\s*)?\(\s*(?:about|approximately|roughly|or)?\s*\Z")
_REFERENCE_BEFORE = _c(
    r"\b(?:typical(?:ly)?|standard|usual(?:ly)?|normal(?:ly)?|assum\w*|reference|lanes?|lane widths?|car lengths?|length of (?:a|an|the)|dash(?:es)?|each|walking speed|speed limits?)\b"
)
_REFERENCE_AFTER = _c(r"^\s*(?:long|wide|in length|in width|apart|each)\b")
_BARE_EXCLUDED_BEFORE = _c(r"\b(?:at|from|until|till|between|after|before|frame|step|number|no\.)\s*\Z")


def _question_numbers(question):
    if question is None:
        return set()
    return {q["value"] for q in scan_quantities(normalize_response(question))}


def _collect_candidates(text, quantities, kind):
    out = []
    index = 0
    while index < len(quantities):
        quantity = quantities[index]
        nxt = quantities[index + 1] if index + 1 < len(quantities) else None
        if nxt is not None and nxt["kind"] == kind and quantity["kind"] in ("unitless", kind):
            joint = text[quantity["end"]:nxt["start"]]
            is_and = re.search(r"\band\b", joint, _A) is not None
            between = re.search(r"\bbetween\s*\Z", text[max(0, quantity["start"] - 12):quantity["start"]], _A) is not None
            if _RANGE_JOIN.search(joint) and (not is_and or between):
                low = quantity["si"] if quantity["kind"] == kind else _js_div(quantity["value"] * nxt["si"], nxt["value"])
                si = 0.0 if nxt["value"] == 0 and quantity["kind"] != kind else (low + nxt["si"]) / 2
                out.append({"si": si, "start": quantity["start"], "end": nxt["end"]})
                index += 2
                continue
        if quantity["kind"] != kind:
            index += 1
            continue
        previous = out[-1] if out else None
        if previous is not None and _EQUIVALENT.search(text[previous["end"]:quantity["start"]]):
            index += 1
            continue
        out.append({"si": quantity["si"], "start": quantity["start"], "end": quantity["end"]})
        index += 1
    return out


def _js_div(a, b):
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * (1 if math.copysign(1, b) > 0 else -1)
    return a / b


def _js_search(pattern, text):
    match = pattern.search(text)
    return -1 if match is None else match.start()


def _is_reference(text, candidate):
    before = text[max(0, candidate["start"] - 120):candidate["start"]]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind(")"), _js_search(_c(r"[.!?]\s[^.!?]*\Z"), before))
    clause = before[cut + 1:]
    return _REFERENCE_BEFORE.search(clause) is not None or _REFERENCE_AFTER.search(text[candidate["end"]:candidate["end"] + 20]) is not None


def extract_magnitude(response, kind, question=None):
    """The asked magnitude (kind ``length`` or ``speed``) in SI, or None."""
    text = normalize_response(response)
    quantities = scan_quantities(text)
    candidates = _collect_candidates(text, quantities, kind)
    if candidates:
        answers = [c for c in candidates if not _is_reference(text, c)]
        chosen = select_candidate(text, answers if answers else candidates, VALUE_CUES)
        return None if chosen is None else chosen["si"]
    excluded = _question_numbers(question)
    bare = []
    for index, quantity in enumerate(quantities):
        if quantity["kind"] != "unitless" or quantity["value"] in excluded:
            continue
        nxt = quantities[index + 1] if index + 1 < len(quantities) else None
        if nxt is not None and nxt["kind"] == "time" and _RANGE_JOIN.search(text[quantity["end"]:nxt["start"]]):
            continue
        if _BARE_EXCLUDED_BEFORE.search(text[max(0, quantity["start"] - 10):quantity["start"]]):
            continue
        bare.append({"si": quantity["value"], "start": quantity["start"], "end": quantity["end"]})
    chosen = select_candidate(text, bare, VALUE_CUES)
    return None if chosen is None else chosen["si"]


# ---------------------------------------------------------------- clock

_CLOCK_NEGATED = _c(r"(?:\b(?:not|never|no longer|rather than|instead of)|n't)\s+(?:[a-z]+\s+){0,3}\Z")


def extract_clock(response):
    """The clock value 1-12 a response names, or None."""
    text = normalize_response(response)
    clocks = [q for q in scan_quantities(text) if q["kind"] == "clock" and float(q["value"]).is_integer() and 0 <= q["value"] <= 12]
    affirmed = [q for q in clocks if not _CLOCK_NEGATED.search(text[max(0, q["start"] - 40):q["start"]])]
    chosen = select_candidate(text, affirmed if affirmed else clocks, DIRECTION_CUES)
    if chosen is None:
        return None
    return 12 if chosen["value"] == 0 else int(chosen["value"])


# ---------------------------------------------------------------- interval

_PAIR_JOIN = _c(r"^\s*(?:,|-|to|and|until|till|through|thru|up to)\s*(?:the\s+)?\Z")
_LIST_JOIN = _c(r"^\s*,?\s*(?:and\s+)?\Z")
_FROM_START = _c(
    r"\b(?:from|since)\s+the\s+(?:very\s+)?(?:start|beginning)(?:\s+of\s+the\s+(?:video|clip))?\s*,?\s+(?:until|till|to|through|up to)\s+(?:about\s+|approximately\s+|around\s+|roughly\s+)?(?:the\s+)?\Z"
)
_MARK = _c(r"\s*(?:second|sec|s)?\s*mark\b")
_ONWARD = _c(r"^\s*(?:seconds?|s)?\s*(?:onwards?|on\b|until the end|to the end|till the end|through the end)")


def extract_interval(response, video_end=None):
    """``(start, end)`` in seconds a response names, or None."""
    text = normalize_response(response)
    times = [q for q in scan_quantities(text) if q["kind"] in ("time", "unitless")]
    pairs = []
    index = 0
    while index + 1 < len(times):
        first = times[index]
        second = times[index + 1]
        joint = _MARK.sub("", text[first["end"]:second["start"]])
        is_and = re.search(r"\band\b", joint, _A) is not None
        if not _PAIR_JOIN.search(joint):
            index += 1
            continue
        if is_and and not re.search(r"\bbetween\s*(?:the\s+)?\Z", text[max(0, first["start"] - 14):first["start"]], _A):
            index += 1
            continue
        if first["kind"] == "time":
            a = first["si"]
        else:
            a = first["value"] * ((second["si"] / (second["value"] or 1)) if second["kind"] == "time" else 1)
        last = second
        if re.search(r"^\s*,\s*\Z", joint, _A):
            while index + 2 < len(times) and times[index + 2]["kind"] == last["kind"] and _LIST_JOIN.search(text[last["end"]:times[index + 2]["start"]]):
                last = times[index + 2]
                index += 1
        b = last["si"]
        pairs.append({"startTime": min(a, b), "endTime": max(a, b), "start": first["start"], "end": last["end"]})
        index += 2
    chosen = select_candidate(text, pairs, VALUE_CUES)
    if chosen is not None:
        return (chosen["startTime"], chosen["endTime"])
    timed = [q for q in times if q["kind"] == "time"]
    labelled = times if (re.search(r"\bstart", text, _A) and re.search(r"\bend", text, _A)) else timed
    if len(labelled) >= 2:
        a, b = labelled[0]["si"], labelled[1]["si"]
        return (min(a, b), max(a, b))
    only = timed[0] if timed else None
    if only is None:
        for q in times:
            if re.search(r"\b(?:at|from|after|since)\s*(?:the\s+)?\Z", text[max(0, q["start"] - 10):q["start"]], _A):
                only = q
                break
    if only is None:
        return None
    if _FROM_START.search(text[max(0, only["start"] - 80):only["start"]]):
        return (0.0, only["si"])
    onward = _ONWARD.search(text[only["end"]:]) is not None
    if onward and video_end is not None and video_end >= only["si"]:
        return (only["si"], float(video_end))
    return (only["si"], only["si"])


# ---------------------------------------------------------------- undecided clauses

_UNDECIDED_CLAUSE = _c(
    r"(?:\b(?:cannot|can not|could not|unable to|impossible to|difficult to|hard to|not possible to|not easy to|no way to|not clear|unclear|uncertain)|n't)\s+(?:[a-z']+\s+){0,3}?(?:whether|if)\b"
)
_CLAUSE_END = _c(r",?\s+(?:but|however|although|though|yet)\b")


def blank_undecided_clauses(text):
    starts = sentence_starts(text)
    out = text
    for match in _UNDECIDED_CLAUSE.finditer(text):
        sentence = 0
        while sentence + 1 < len(starts) and starts[sentence + 1] <= match.start():
            sentence += 1
        frm = starts[sentence]
        sentence_end = starts[sentence + 1] if sentence + 1 < len(starts) else len(text)
        boundary = _CLAUSE_END.search(text, match.end())
        to = boundary.start() if boundary is not None and boundary.start() < sentence_end else sentence_end
        out = out[:frm] + " " * (to - frm) + out[to:]
    return out


# ---------------------------------------------------------------- comparison

_SMALLER = r"more slowly|less quickly|less rapidly|less far|less|least|lesser|fewer|shorter|shortest|smaller|smallest|lower|lowest|slower|slowest"
_LARGER = r"more quickly|more rapidly|farther|further|farthest|furthest|more|most|greater|greatest|longer|longest|larger|largest|bigger|biggest|higher|highest|faster|fastest|quicker|quickest|exceeds?|outpaces?"
_NOT_AS = r"(?:\bnot|n't)\s+(?:[a-z]+\s+){0,2}?as\s+(?:fast|quick|quickly|rapid|rapidly|far)\s+as\b"
_COMPARATIVE = _c(_NOT_AS + r"|\b(?:(" + _SMALLER + r")|(" + _LARGER + r"))\b")
_NEGATION = _c(r"\b(?:not|never|no|n't|neither)\s+(?:\w+\s+){0,2}\Z|n't\s+(?:\w+\s+){0,2}\Z")
_OTHER_MARKER = _c(r"\b(?:than|compared (?:to|with)|relative to|in comparison (?:to|with)|versus|vs\.?)\s+(?:that of\s+)?(?:the\s+)?(?:one|object)?\s*(?:\w+\s+){0,4}?\Z")
_UNDECIDED = _c(r"\b(?:same (?:distance|speed)|equal(?:ly)?|neither|both (?:move|travel|cover)\w*(?: \w+){0,2} (?:same|equal)|cannot (?:determine|tell)|can't (?:determine|tell)|unable to)\b")
_NEGATED_MENTION = _c(r"(?:\bnot|n't|\brather than|\binstead of)\s+(?:the\s+)?(?:one\s+(?:with|in)\s+(?:the\s+)?)?\Z")
_VERB = _c(
    r"\b(?:is|are|was|were|be|been|moves?|moving|moved|travels?|traveling|travelled|traveled|covers?|covering|covered|goes|going|went|seems?|appears?|has|have|had|stays?|remains?)\b"
)
_SPEED_WORD = _c(r"^(?:faster|fastest|slower|slowest|quicker|quickest|more quickly|less quickly|more rapidly|less rapidly|more slowly|outpaces?)\Z|as\s+(?:fast|quick|quickly|rapid|rapidly)\s+as\Z")
_LENGTH_WORD = _c(r"^(?:farther|further|farthest|furthest|less far)\Z|as\s+far\s+as\Z")
_SPEED_NOUN = _c(r"\b(?:speed|velocity|pace)\b")
_LENGTH_NOUN = _c(r"\b(?:distance|ground|path|trajectory|far)\b")
_POSITION_AFTER = _c(r"^\s+(?:away|from|ahead|behind|back|to the)\b")


def _find_mentions(text, colors):
    order = sorted(({"index": i, "color": c.lower()} for i, c in enumerate(colors)), key=lambda e: -len(e["color"]))
    pattern = re.compile("|".join(r"\b" + re.escape(e["color"]) + r"\b" for e in order), _A)
    mentions = []
    for match in pattern.finditer(text):
        obj = next(e for e in order if e["color"] == match.group(0))["index"]
        mentions.append({"object": obj, "start": match.start(), "end": match.end()})
    return mentions


def _drop_echoes(text, mentions):
    keep = list(mentions)
    index = 0
    while index + 1 < len(keep):
        a = keep[index]
        b = keep[index + 1]
        if a["object"] == b["object"]:
            index += 1
            continue
        joint = text[a["end"]:b["start"]]
        if len(joint) > 80 or re.search(r"[.;!?]", joint) or re.search(r"\bthan\b", joint, _A) or _COMPARATIVE.search(joint):
            index += 1
            continue
        is_or = re.search(r"\b(?:or|versus|vs)\b", joint, _A) is not None
        is_between_and = re.search(r"\band\b", joint, _A) is not None and re.search(r"\bbetween\b[^.;]{0,40}\Z", text[max(0, a["start"] - 45):a["start"]], _A) is not None
        if is_or or is_between_and:
            del keep[index:index + 2]
            continue
        index += 1
    return keep


def _is_specific(text, word, start, end, kind):
    if kind is None:
        return True
    if (_SPEED_WORD if kind == "speed" else _LENGTH_WORD).search(word):
        return kind == "speed" or not _POSITION_AFTER.search(text[end:end + 12])
    after_match = re.match(r"\s+(?:[a-z]+\s+){0,2}", text[end:], _A)
    after = after_match.group(0) if after_match else ""
    tail = re.match(r"[a-z]+", text[end + len(after):], _A)
    words = re.split(r"\s+", text[max(0, start - 40):start], flags=_A)
    nearby = "%s %s%s" % (" ".join(words[-5:]), after, tail.group(0) if tail else "")
    return (_SPEED_NOUN if kind == "speed" else _LENGTH_NOUN).search(nearby) is not None


def _find_comparatives(text, kind):
    out = []
    for match in _COMPARATIVE.finditer(text):
        larger = match.group(2) is not None
        if _NEGATION.search(text[max(0, match.start() - 30):match.start()]):
            larger = not larger
        out.append({"larger": larger, "start": match.start(), "end": match.end(), "specific": _is_specific(text, match.group(0), match.start(), match.end(), kind)})
    return [c for c in out if c["specific"]] + [c for c in out if not c["specific"]]


def _compare_stated_values(text, mentions, kind, want_larger):
    quantities = [q for q in scan_quantities(text) if q["kind"] == kind]
    values = [None, None]
    for index, mention in enumerate(mentions):
        limit = mentions[index + 1]["start"] if index + 1 < len(mentions) else len(text)
        value = next((q for q in quantities if mention["end"] <= q["start"] < limit), None)
        if value is not None and values[mention["object"]] is None:
            values[mention["object"]] = value["si"]
    a, b = values
    if a is None or b is None or a == b:
        return None
    return 0 if (a > b) == want_larger else 1


def extract_compared_object_index(response, colors, polarity, kind=None):
    """Index into ``colors`` (the two objects' box colours) of the picked object, or None."""
    if len(colors) != 2:
        return None
    text = blank_undecided_clauses(normalize_response(response))
    mentions = _drop_echoes(text, _find_mentions(text, colors))
    if not mentions:
        return None
    starts = sentence_starts(text)
    want_larger = polarity == "positive"
    if _UNDECIDED.search(text):
        return None
    for comparative in _find_comparatives(text, kind):
        sentence = sentence_of(starts, comparative["start"])
        in_sentence = [m for m in mentions if sentence_of(starts, m["start"]) == sentence]
        if not in_sentence:
            continue
        other = next((m for m in in_sentence if _OTHER_MARKER.search(text[max(starts[sentence], m["start"] - 60):m["start"]])), None)
        if other is not None:
            subject = 1 - other["object"]
        else:
            before = [m for m in in_sentence if m["end"] <= comparative["start"]]
            pick = before[-1] if before else next((m for m in in_sentence if m["start"] >= comparative["end"]), None)
            subject = None if pick is None else pick["object"]
        if subject is None:
            continue
        return subject if comparative["larger"] == want_larger else 1 - subject
    affirmed = [m for m in mentions if not _NEGATED_MENTION.search(text[max(0, m["start"] - 24):m["start"]])]
    named = {m["object"] for m in affirmed}
    if len(named) == 1:
        return affirmed[0]["object"]
    lead_end = _js_search(_c(r"[.;!?\n(]|\Z"), text)
    lead = text[:lead_end]
    in_lead = [m for m in affirmed if m["end"] <= len(lead)]
    if in_lead and all(m["object"] == in_lead[0]["object"] for m in in_lead) and not _VERB.search(lead) and not re.search(r"\d", lead, _A) and len(re.split(r"\s+", lead, flags=_A)) <= 10:
        return in_lead[0]["object"]
    return None if kind is None else _compare_stated_values(text, mentions, kind, want_larger)


# ---------------------------------------------------------------- same direction

_NOT_SAME = _c(r"(?:\bnot|n't|\bnever|\bno longer)\s+(?:\w+\s+){0,4}?(?:the\s+)?(?:same|similar)\s+(?:general\s+)?(?:direction|way|heading)|\bnot\s+(?:\w+\s+){0,2}?(?:parallel|aligned)")
_NOT_DIFFERENT = _c(r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+){0,4}?(?:in\s+)?(?:a\s+)?(?:different|opposite)\s+directions?|\bno different\b")
_SAME = _c(r"\b(?:same|similar)\s+(?:general\s+)?(?:direction|way|heading)|\bparallel\b|\baligned\b")
_DIFFERENT = _c(r"\b(?:different|differing|opposite|contrary|perpendicular|orthogonal|divergent|diverging)\s+(?:\w+\s+)?(?:directions?|ways?|headings?)|\b(?:opposite|perpendicular|orthogonal)\b|\bdiverg\w*|\bdirections? (?:differ|are different)")
_YES = _c(r"^(?:yes|yeah|yep|correct|indeed|true|affirmative|that's right|right)\b")
_NO = _c(r"^(?:no|nope|incorrect|false|not really|actually)\b")


def extract_same_direction(response, polarity):
    """True (same), False (different) or None."""
    text = blank_undecided_clauses(normalize_response(response))
    if _NOT_SAME.search(text):
        return False
    if _NOT_DIFFERENT.search(text):
        return True
    same = _SAME.search(text)
    different = _DIFFERENT.search(text)
    if same is not None and different is not None:
        return same.start() < different.start()
    if same is not None:
        return True
    if different is not None:
        return False
    lead = re.sub(r"^[^a-z]+", "", text)
    yes = _YES.search(lead) is not None
    no = _NO.search(lead) is not None
    if yes == no:
        return None
    return yes if polarity == "positive" else no


# ---------------------------------------------------------------- answer and score

def question_text(doc):
    human = doc["conversations"][0]["value"] if "conversations" in doc else doc["question"]
    return _js_trim(re.sub(r"<(?:video|image)>\s*", "", human))


def extract_answer(doc, response):
    """The prediction (a dict with ``kind``) of a sample's task, or None. ``doc`` is an STKit sample or an exported document."""
    task = doc["task"]
    if task == "traveled_distance":
        meters = extract_magnitude(response, "length", question_text(doc))
        return None if meters is None else {"kind": "distance", "meters": meters}
    if task == "traveling_speed":
        mps = extract_magnitude(response, "speed", question_text(doc))
        return None if mps is None else {"kind": "speed", "metersPerSecond": mps}
    if task == "movement_direction":
        clock = extract_clock(response)
        return None if clock is None else {"kind": "clock", "clock": clock}
    if task == "direction_timestamp":
        frame_times = doc["frameTimes"]
        interval = extract_interval(response, frame_times[-1] if frame_times else None)
        return None if interval is None else {"kind": "interval", "start": interval[0], "end": interval[1]}
    if task in ("traveled_distance_comparison", "traveling_speed_comparison"):
        kind = "length" if task == "traveled_distance_comparison" else "speed"
        objects = doc["objects"]
        index = extract_compared_object_index(response, [o["color"] for o in objects], doc["label"]["polarity"], kind)
        if index is None:
            return None
        return {"kind": "object", "color": objects[index]["color"], "trackId": objects[index]["trackId"]}
    if task == "movement_direction_comparison":
        same = extract_same_direction(response, doc["label"]["polarity"])
        return None if same is None else {"kind": "same-direction", "same": same}
    raise ValueError("unknown task %r" % (task,))


BAND_EPSILON = 1e-9
IOU_THRESHOLD = 0.5
_MIN_VALUE = 5e-324


def is_within_band(predicted, truth):
    slack = BAND_EPSILON * max(abs(truth), _MIN_VALUE)
    return 0.75 * truth - slack <= predicted <= 1.25 * truth + slack


def clock_error(predicted, truth):
    difference = math.fmod(abs(predicted - truth), 12)
    return min(difference, 12 - difference)


def temporal_iou(a_start, a_end, b_start, b_end):
    a0, a1 = min(a_start, a_end), max(a_start, a_end)
    b0, b1 = min(b_start, b_end), max(b_start, b_end)
    intersection = max(0, min(a1, b1) - max(a0, b0))
    union = a1 - a0 + (b1 - b0) - intersection
    if union <= 0:
        return 1.0 if a0 == b0 else 0.0
    return intersection / union


MRA_THRESHOLDS = [(10 + i) / 20 for i in range(10)]
# 1 - theta as (10 - i) / 20: the double nearest the exact value, as in primitives.ts.
_MRA_LIMITS = [(10 - i) / 20 for i in range(10)]


def mean_relative_accuracy(predicted, truth):
    """Mean over theta = 0.50, 0.55, ..., 0.95 of 1[|pred - truth| / truth < 1 - theta]; 0 without a value; for a zero truth, 1 iff the prediction is 0."""
    if predicted is None:
        return 0.0
    if truth == 0:
        return 1.0 if predicted == 0 else 0.0
    relative = abs(predicted - truth) / truth
    return sum(1 for limit in _MRA_LIMITS if relative < limit) / len(_MRA_LIMITS)


def score_sample(doc, prediction):
    """The score dict of a sample: id, task, correct, extracted (and error / iou / mra where the task has them)."""
    task = doc["task"]
    label = doc["label"]
    base = {"id": doc["id"], "task": task}
    wrong = dict(base, correct=False, extracted=prediction is not None)
    if task in ("traveled_distance", "traveling_speed"):
        truth = label["meters"] if task == "traveled_distance" else label["metersPerSecond"]
        value = None
        if prediction is not None:
            value = prediction.get("meters") if task == "traveled_distance" else prediction.get("metersPerSecond")
        wrong["mra"] = mean_relative_accuracy(value, truth)
    if prediction is None:
        return wrong
    if prediction["kind"] == "judged":
        return dict(base, correct=prediction["correct"], extracted=True)
    if task == "traveled_distance":
        if prediction["kind"] != "distance":
            return wrong
        return dict(base, extracted=True, correct=is_within_band(prediction["meters"], label["meters"]), error=abs(prediction["meters"] - label["meters"]), mra=wrong["mra"])
    if task == "traveling_speed":
        if prediction["kind"] != "speed":
            return wrong
        return dict(
            base,
            extracted=True,
            correct=is_within_band(prediction["metersPerSecond"], label["metersPerSecond"]),
            error=abs(prediction["metersPerSecond"] - label["metersPerSecond"]) * 3.6,
            mra=wrong["mra"],
        )
    if task == "movement_direction":
        if prediction["kind"] != "clock":
            return wrong
        return dict(base, extracted=True, correct=prediction["clock"] == label["clock"], error=clock_error(prediction["clock"], label["clock"]))
    if task == "direction_timestamp":
        if prediction["kind"] != "interval":
            return wrong
        iou = temporal_iou(prediction["start"], prediction["end"], label["start"], label["end"])
        return dict(base, extracted=True, correct=iou >= IOU_THRESHOLD, iou=iou)
    if task in ("traveled_distance_comparison", "traveling_speed_comparison"):
        if prediction["kind"] != "object":
            return wrong
        return dict(base, extracted=True, correct=prediction["trackId"] == label["answerTrackId"])
    if task == "movement_direction_comparison":
        if prediction["kind"] != "same-direction":
            return wrong
        return dict(base, extracted=True, correct=prediction["same"] == label["same"])
    return wrong


def expand_doc(doc):
    """An exported document (lmms-eval JSONL line, VLMEvalKit TSV row) with its ``meta`` JSON unpacked; samples pass through."""
    meta = doc.get("meta")
    if not isinstance(meta, str) or meta == "":
        return doc
    out = dict(doc)
    out.update(json.loads(meta))
    if "task" not in out and "category" in out:  # VLMEvalKit's category column is the task
        out["task"] = out["category"]
    return out


def evaluate(doc, response):
    """Extracts and scores one response; the result also carries ``prediction``."""
    doc = expand_doc(doc)
    prediction = None if response is None else extract_answer(doc, response)
    result = score_sample(doc, prediction)
    result["prediction"] = prediction
    return result


TASK_IDS = [
    "traveled_distance",
    "traveling_speed",
    "movement_direction",
    "direction_timestamp",
    "traveled_distance_comparison",
    "traveling_speed_comparison",
    "movement_direction_comparison",
]


# ---------------------------------------------------------------- lmms-eval hooks

_HERE = os.path.dirname(os.path.abspath(__file__))


def _media_path(path):
    if re.match(r"^(?:https?|data):", path):
        return path
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(_HERE, path))


def doc_media_paths(doc):
    """Absolute paths of a document's frames (resolved from this file's folder), else of its video; [] for neither."""
    frames = doc.get("frames") or []
    if frames:
        return [_media_path(frame) for frame in frames]
    if doc.get("video"):
        return [_media_path(doc["video"])]
    return []


def doc_to_visual(doc):
    """The sample's frames as RGB PIL images (the visual prompt is drawn on them), or its video path when it has no frames."""
    paths = doc_media_paths(doc)
    if doc.get("frames"):
        from PIL import Image  # only here: the module imports nothing outside the standard library

        images = []
        for path in paths:
            with Image.open(path) as image:
                images.append(image.convert("RGB"))
        return images
    return paths


def doc_to_text(doc, lmms_eval_specific_kwargs=None):
    kwargs = lmms_eval_specific_kwargs or {}
    pre = kwargs.get("pre_prompt", "")
    post = kwargs.get("post_prompt", "")
    return "%s%s%s" % (pre, doc["question"], post)


def doc_to_target(doc):
    return doc["answer"]


def process_results(doc, results, **kwargs):
    """lmms-eval: ``results`` is the list of generations (the first is scored); lmms-eval may pass ``full_docs``, unused."""
    response = results[0] if results else None
    score = evaluate(doc, response)
    entry = {"id": doc["id"], "task": doc["task"], "correct": bool(score["correct"]), "extracted": bool(score["extracted"])}
    if "mra" in score:
        entry["mra"] = score["mra"]
    out = {"stkit_score": entry, "stkit_mra": entry}
    for task in TASK_IDS:
        out["%s_accuracy" % task] = entry
    for task in ("traveled_distance", "traveling_speed"):
        out["%s_mra" % task] = entry
    return out


def aggregate_average(results):
    """The headline: the mean of the accuracies of the tasks present (SPEC section 6)."""
    by_task = {}
    for entry in results:
        by_task.setdefault(entry["task"], []).append(1.0 if entry["correct"] else 0.0)
    if not by_task:
        return 0.0
    return sum(sum(v) / len(v) for v in by_task.values()) / len(by_task)


def aggregate_mra(results):
    """Mean MRA over the distance and speed samples."""
    values = [entry["mra"] for entry in results if "mra" in entry]
    return sum(values) / len(values) if values else 0.0


def _task_accuracy(task):
    def aggregate(results):
        values = [1.0 if entry["correct"] else 0.0 for entry in results if entry["task"] == task]
        return sum(values) / len(values) if values else 0.0

    aggregate.__name__ = "aggregate_%s_accuracy" % task
    return aggregate


def _task_mra(task):
    def aggregate(results):
        values = [entry["mra"] for entry in results if entry["task"] == task and "mra" in entry]
        return sum(values) / len(values) if values else 0.0

    aggregate.__name__ = "aggregate_%s_mra" % task
    return aggregate


for _task in TASK_IDS:
    globals()["aggregate_%s_accuracy" % _task] = _task_accuracy(_task)
for _task in ("traveled_distance", "traveling_speed"):
    globals()["aggregate_%s_mra" % _task] = _task_mra(_task)


# ---------------------------------------------------------------- command line (VLMEvalKit predictions, scoring)

def read_prediction_rows(path):
    """Rows of a VLMEvalKit prediction file: .tsv / .csv with the standard library, .xlsx with pandas (imported here)."""
    if path.endswith(".xlsx"):
        import pandas  # only for VLMEvalKit's default .xlsx output

        return [{k: ("" if v is None or (isinstance(v, float) and math.isnan(v)) else v) for k, v in row.items()} for row in pandas.read_excel(path).to_dict("records")]
    import csv

    csv.field_size_limit(1 << 24)
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t" if path.endswith(".tsv") else ","))


def summarize(results):
    """Metrics of scored rows: accuracy per task, the headline average and MRA (SPEC section 6)."""
    tasks = {}
    for task in TASK_IDS:
        rows = [r for r in results if r["task"] == task]
        if not rows:
            continue
        entry = {"count": len(rows), "accuracy": sum(1 for r in rows if r["correct"]) / len(rows), "extracted": sum(1 for r in rows if r["extracted"])}
        if task in ("traveled_distance", "traveling_speed"):
            entry["mra"] = sum(r["mra"] for r in rows) / len(rows)
        tasks[task] = entry
    average = sum(t["accuracy"] for t in tasks.values()) / len(tasks) if tasks else None
    return {"average": average, "count": len(results), "tasks": tasks}


def score_prediction_file(path):
    """Scores a VLMEvalKit prediction file (the exported TSV's columns plus ``prediction``)."""
    results = []
    for row in read_prediction_rows(path):
        response = row.get("prediction")
        result = evaluate(row, None if response is None else str(response))
        results.append(result)
    return {"results": results, "metrics": summarize(results)}


def _main(argv):
    import sys

    if len(argv) == 2 and argv[1] == "score":
        # JSON lines {"doc": ..., "response": ...} on stdin -> one score per line.
        for line in sys.stdin:
            if line.strip():
                case = json.loads(line)
                sys.stdout.write(json.dumps(evaluate(case["doc"], case.get("response"))) + "\n")
        return 0
    if len(argv) == 3 and argv[1] == "vlmevalkit":
        scored = score_prediction_file(argv[2])
        sys.stdout.write(json.dumps(scored["metrics"], indent=2) + "\n")
        return 0
    sys.stderr.write("usage: python3 stkit_bench.py score < cases.jsonl\n       python3 stkit_bench.py vlmevalkit PREDICTIONS.xlsx|.tsv|.csv\n")
    return 2


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv))

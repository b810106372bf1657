"""Properties of the normalizer and the resolver over any string (hypothesis)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from service.matcher import Matcher
from service.normalize import name_forms, normalize
from service.table import load_table
from tests.conftest import DATA

# Every code point, surrogates included (a JSON body can carry a lone one).
ANY_TEXT = st.lists(st.characters(codec=None, exclude_categories=())
                    | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=200).map("".join)
# Names as pipelines send them: scripts the table knows, marks, spaces, punctuation.
NAMEISH = st.text(st.sampled_from(list("abcdeklmnorsuyz AHJ-'.") + list("الجوني شرع") + list("Путинабв")
                                  + ["\u0301", "\u200b", "\u200f", "\u0651"]), max_size=60)
# The most characters one input character becomes (U+FDFA, the longest Arabic ligature, is 18).
MAX_GROWTH = 20
MATCHER = Matcher(load_table(DATA / "small.yaml"))


@given(ANY_TEXT)
@settings(max_examples=500, deadline=None)
def test_normalize_never_raises_and_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(ANY_TEXT)
@settings(max_examples=500, deadline=None)
def test_normalized_length_is_bounded_by_the_input(text):
    assert len(normalize(text)) <= MAX_GROWTH * len(text)


@given(ANY_TEXT)
@settings(max_examples=300, deadline=None)
def test_name_forms_never_raise(text):
    forms = name_forms(text)
    assert forms.norm == normalize(text)


@given(st.one_of(ANY_TEXT, NAMEISH), st.sampled_from([None, "person", "place"]), st.integers(1, 50))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_resolver_never_raises_and_answers_consistently(text, type_, limit):
    result = MATCHER.resolve(text, type=type_, limit=limit)
    assert len(result.candidates) <= limit
    assert result.match is None or (result.match.score >= MATCHER.threshold and not result.ambiguous)
    assert (result.match is None) == (result.reason is not None)
    assert all(0.0 <= c.score <= 1.0 for c in result.candidates)
    assert type_ is None or all(c.entity.type == type_ for c in result.candidates)

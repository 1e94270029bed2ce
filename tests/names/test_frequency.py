"""The frequency model: common name parts weigh little, rare ones a lot."""

from __future__ import annotations

from collections import Counter

from opspoor.names.frequency import FrequencyModel, count_parts


def test_common_parts_weigh_less_than_rare_ones() -> None:
    model = FrequencyModel.default()
    assert model.weight("muhammad") < model.weight("amin") < model.weight("dabbashi") <= 1.0
    assert model.weight("al") < model.weight("muhammad")
    assert model.weight("never-seen-before") == 1.0
    assert model.weight("company", "org") < model.weight("dabbashi", "org")


def test_counts_of_an_index_change_weights() -> None:
    model = FrequencyModel.default().copy()
    before = model.weight("zzyzx")
    model.add_counts("person", Counter({"zzyzx": 5000}))
    assert model.weight("zzyzx") < before
    # the shared default is not changed by the copy
    assert FrequencyModel.default().weight("zzyzx") == before


def test_count_parts_counts_canonical_forms_once_per_name() -> None:
    counts = count_parts(["Mohamed Mohammed Ali", "Muhammad Kashlaf"])
    assert counts["muhammad"] == 2
    assert counts["ali"] == 1

"""The benchmark's verdicts: each line's target in numbers, and whether a run met it."""

from bench.measures import Footprint, Measure, table


def test_a_measure_is_met_only_when_every_part_of_its_target_is() -> None:
    fast = Measure("metrics", 140.0, "bare", 120.0, under_ms=150, within=1.3)
    assert fast.met and fast.target == "under 150 ms; at most 1.3x the baseline"
    assert not Measure("metrics", 140.0, "bare", 100.0, under_ms=150, within=1.3).met  # 1.4x
    assert not Measure("metrics", 160.0, "bare", 150.0, under_ms=150, within=1.3).met  # too slow
    adds = Measure("first token", 36.0, "bare", 5.0, adds_under_ms=30)
    assert not adds.met and adds.target == "adds under 30 ms"
    assert Measure("import", 2900.0, "row by row", 200_000.0, under_ms=3000).target == "under 3 s"


def test_the_table_and_the_json_say_met_or_not_met() -> None:
    lines = table([Measure("a", 10.0, "b", 10.0, under_ms=20), Measure("c", 30.0, "d", 10.0, under_ms=20)])
    assert lines.splitlines()[2].endswith("| met |") and lines.splitlines()[3].endswith("| **not met** |")
    assert Measure("a", 10.0, "b", 5.0, under_ms=20).as_dict() == {
        "name": "a", "median_ms": 10.0, "baseline": "b", "baseline_ms": 5.0, "ratio": 2.0,
        "target": "under 20 ms", "met": True}
    assert Footprint("app", 612.0, under_mb=500).as_dict()["met"] is False

"""datacodec: dataclasses through JSON and back, and nothing of another shape accepted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.shared import datacodec
from generator.shared.problems import Problem


@dataclass(frozen=True)
class Leaf:
    name: str
    line: int
    note: str | None = None
    flag: bool = False


@dataclass
class Tree:
    leaves: tuple[Leaf, ...]
    by_name: dict[str, Leaf]
    tags: set[str]
    day: dt.date
    path: Path
    pair: tuple[int, str]
    maybe: Leaf | None = None
    numbers: list[int] = field(default_factory=list)


TREE = Tree((Leaf("a", 1), Leaf("b", 2, "n", True)), {"ä": Leaf("ä", 3)}, {"x", "y"}, dt.date(2025, 3, 21),
            Path("/tmp/ö"), (4, "p"), None, [1, 2])


def through_json(value, tp):
    return datacodec.decoder(tp)(json.loads(json.dumps(datacodec.encoder(tp)(value))))


def test_a_tree_of_dataclasses_comes_back_equal():
    back = through_json(TREE, Tree)
    assert back == TREE
    assert type(back.leaves) is tuple and type(back.tags) is set and type(back.pair) is tuple


def test_a_frozen_dataclass_comes_back_hashable_and_frozen():
    leaf = through_json(Leaf("a", 1), Leaf)
    assert hash(leaf) == hash(Leaf("a", 1))
    with pytest.raises(AttributeError):
        leaf.name = "b"


def test_a_post_init_runs_on_the_way_back():
    """Problem escapes control characters in __post_init__; a file cannot slip one past it."""
    back = datacodec.decoder(Problem)(["a.md", 1, "fel", "code", "bidi \u202e here"])
    assert "\u202e" not in back.message


def stored_tree() -> list:
    return json.loads(json.dumps(datacodec.encoder(Tree)(TREE)))


def _leaf(data):
    return data[0][0]


@pytest.mark.parametrize("damage", [
    lambda d: _leaf(d).__setitem__(1, True),          # a bool is no int
    lambda d: _leaf(d).__setitem__(3, 1),             # an int is no bool
    lambda d: _leaf(d).__setitem__(1, 1.0),           # a float is no int
    lambda d: _leaf(d).__setitem__(0, None),          # None where the type has none
    lambda d: _leaf(d).pop(),                         # a field missing
    lambda d: _leaf(d).append("extra"),               # a field too many
    lambda d: d[0].__setitem__(0, {"name": "a"}),     # an object for a dataclass
    lambda d: d.__setitem__(1, [["ä", 3]]),           # a list for a dict
    lambda d: d.__setitem__(2, ["x", "x"]),           # a repeated item in a set
    lambda d: d.__setitem__(2, ["x", 1]),             # a set item of the wrong type
    lambda d: d.__setitem__(3, "2025-02-30"),         # no such date
    lambda d: d.__setitem__(3, "20250321"),           # not YYYY-MM-DD
    lambda d: d.__setitem__(3, 20250321),             # a date as a number
    lambda d: d.__setitem__(4, ["/tmp"]),             # a path that is no string
    lambda d: d.__setitem__(5, [4]),                  # a pair of one
    lambda d: d.__setitem__(6, "Leaf"),               # a class name is just a string
    lambda d: d.__setitem__(7, [1, "2"]),             # a list item of the wrong type
    lambda d: d.__setitem__(7, {"0": 1}),             # an object for a list
])
def test_anything_of_another_shape_is_invalid(damage):
    data = stored_tree()
    damage(data)
    with pytest.raises(datacodec.Invalid):
        datacodec.decoder(Tree)(data)


def test_a_type_it_cannot_check_is_refused_when_the_codec_is_made():
    @dataclass
    class Loose:
        anything: object

    with pytest.raises(TypeError):
        datacodec.decoder(Loose)
    with pytest.raises(TypeError):
        datacodec.encoder(tuple)


def test_the_description_changes_with_any_field_at_any_depth():
    def tree(line_type):
        leaf = dataclasses.make_dataclass("Leaf", [("name", str), ("line", line_type)], frozen=True)
        return dataclasses.make_dataclass("Tree", [("leaves", tuple[leaf, ...]), ("day", dt.date | None)])

    assert datacodec.describe(tree(int)) == datacodec.describe(tree(int))
    assert datacodec.describe(tree(int)) != datacodec.describe(tree(str))

"""`tests.lock_drift` names the packages whose installed version left the lock."""

from __future__ import annotations

from .lock_drift import drift, locked_versions

LOCK = """\
pyyaml==6.0.3 \\
    --hash=sha256:aaaa
    # via protokoll
numpy==2.4.6 ; python_full_version < '3.0' \\
    --hash=sha256:bbbb
numpy==2.5.5 ; python_full_version >= '3.0' \\
    --hash=sha256:cccc
Jinja2==3.1.6 \\
    --hash=sha256:dddd
"""


def test_pins_are_read_with_their_environment_markers():
    assert locked_versions(LOCK) == {"pyyaml": "6.0.3", "numpy": "2.5.5", "jinja2": "3.1.6"}


def test_a_moved_or_missing_package_is_named_with_both_versions():
    installed = {"pyyaml": "6.0.4", "numpy": "2.5.5"}
    assert drift(locked_versions(LOCK), installed) == [("jinja2", "3.1.6", "saknas"), ("pyyaml", "6.0.3", "6.0.4")]

"""Content policies: YAML rules compiled into one linear-time pass over a record's text.

:func:`load_policies` reads and checks policy files (``builtin:NAME`` or repository
paths) into a :class:`PolicySet`, whose ``check`` yields findings for one record's
segments; :func:`run_policy_tests` and :func:`test_command` run the tests the rules carry.
"""

from __future__ import annotations

from traingate.policy.errors import PolicyError
from traingate.policy.loader import builtin_names, load_policies
from traingate.policy.policyset import PolicySet
from traingate.policy.testing import TestFailure, run_policy_tests, test_command

__all__ = [
    "PolicyError",
    "PolicySet",
    "TestFailure",
    "builtin_names",
    "load_policies",
    "run_policy_tests",
    "test_command",
]

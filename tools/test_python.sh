#!/usr/bin/env bash
# Install govcrawl into a fresh venv of another Python and run the fast unit suite there.
#   tools/test_python.sh 3.13        (uses ~/.pyenv/versions/3.13*/bin/python, or python3.13 on PATH)
# Exits 0 with a message, and tests nothing, when that interpreter is not on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: tools/test_python.sh 3.13}"
python=""
for candidate in "$HOME"/.pyenv/versions/"$version"*/bin/python "$(command -v "python$version" || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then python="$candidate"; break; fi
done
if [ -z "$python" ]; then
    echo "SKIPPED: Python $version is not installed here (looked in ~/.pyenv/versions and PATH)"
    exit 0
fi
venv=".venv-$version"
echo "Python $version: $python → $venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install -q -e '.[test]'
# pip compiles what it installs but not this editable checkout; with PYTHONDONTWRITEBYTECODE set (as on
# CI machines) every test worker and subprocess would compile the package again.
"$venv/bin/python" -m compileall -q govcrawl govsim spiders pipelines tests >/dev/null
"$venv/bin/python" -m pytest -q -m "not crawl" -p no:cacheprovider

#!/usr/bin/env bash
# The path of a Python interpreter of the version given (e.g. 3.12): one on PATH that runs, else pyenv's.
set -euo pipefail
version="$1"
if command -v "python$version" >/dev/null 2>&1 && "python$version" -c "" >/dev/null 2>&1; then
    command -v "python$version"
    exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
    for candidate in $(ls -d "$(pyenv root)"/versions/"$version".* 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/bin/python$version" ]; then
            echo "$candidate/bin/python$version"
            exit 0
        fi
    done
fi
echo "Python $version not found (install it, e.g. with pyenv install $version)" >&2
exit 1

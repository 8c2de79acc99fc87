#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the SARIF validator (Microsoft's SARIF Multitool, a self-contained .NET
# program shipped in npm packages, pinned below) into TOOLS_DIR for the SARIF
# tests. An install that is already there and runs is kept. Exit 0 when the tool
# runs, 77 (skip) when it is not installed and the npm registry cannot be reached,
# 1 on any other failure.
#
# usage: install_multitool.sh TOOLS_DIR

set -u -o pipefail

# The .NET runtime inside the tool aborts at start without libicu unless it runs
# with invariant globalization, which the validator's checks do not need.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

VERSION=5.7.0
SKIP=77

[[ $# -eq 1 ]] || { echo "usage: install_multitool.sh TOOLS_DIR" >&2; exit 2; }
tools=$1

case "$(uname -s)" in
Linux) platform=linux ;;
Darwin) platform=darwin ;;
*) echo "SKIP: the SARIF Multitool npm packages exist for Linux and macOS only"; exit $SKIP ;;
esac
pkg_dir="$tools/node_modules/@microsoft/sarif-multitool-$platform"
exe="$pkg_dir/Sarif.Multitool"

installed_version() {
	[[ -f $pkg_dir/package.json ]] || return 1
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
		"$pkg_dir/package.json" 2>/dev/null
}

# The package's postinstall only does chmod u+x, and npm may be configured not to
# run install scripts: do it here.
runs() {
	[[ -f $exe ]] || return 1
	chmod u+x "$exe" 2>/dev/null
	"$exe" --version >/dev/null 2>&1
}

if [[ $(installed_version) == "$VERSION" ]] && runs; then
	echo "SARIF Multitool $VERSION already installed: $exe"
	exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
	echo "FAIL: npm not found; 'make deps' installs nodejs and npm" >&2
	exit 1
fi

mkdir -p "$tools" || exit 1
install() {
	npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error "$@" \
		"@microsoft/sarif-multitool@$VERSION" "@microsoft/sarif-multitool-$platform@$VERSION"
}

echo "installing @microsoft/sarif-multitool@$VERSION into $tools"
if ! install --prefer-offline; then
	if npm ping >/dev/null 2>&1; then
		echo "FAIL: npm install of @microsoft/sarif-multitool@$VERSION failed" >&2
		exit 1
	fi
	# No registry: npm's own cache may still hold the packages.
	install --offline || {
		echo "SKIP: the npm registry is unreachable and @microsoft/sarif-multitool@$VERSION is neither installed nor cached"
		exit $SKIP
	}
fi

if [[ $(installed_version) != "$VERSION" ]]; then
	echo "FAIL: npm did not install @microsoft/sarif-multitool-$platform@$VERSION" >&2
	exit 1
fi
if ! runs; then
	echo "FAIL: $exe does not run:" >&2
	"$exe" --version >&2
	exit 1
fi
echo "SARIF Multitool $VERSION installed: $exe"

# SPDX-License-Identifier: Apache-2.0
# The two commands of the README: `make demo` (install what is missing, build,
# link the samples, analyse the XIP sample) and `make test` (every test suite).
# CMake does the real work; this file only sequences it.

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE ?= nrf5340-xip-relocation

DEB_PACKAGES := cmake make gcc pkg-config libelf-dev libyaml-dev libjansson-dev libiberty-dev check \
	gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi lld ninja-build dpkg-dev \
	python3 python3-jsonschema nodejs \
	libgraphviz-dev chromium fonts-dejavu-core

.PHONY: all deps build demo test test-asan bench fuzz clean

all: build

# Installs only the Debian packages that are missing, through sudo when not root.
# nodejs and npm run the SARIF validator of the tests; npm only when none is on
# PATH, since NodeSource's nodejs bundles npm and conflicts with Debian's.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done; command -v npm >/dev/null || echo npm); \
	if [ -n "$$missing" ]; then \
		echo "flashlint: installing Debian packages:" $$missing; \
		if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

# Links the sample for real (its post-link flashlint hook is off here, so the
# build itself succeeds), then shows flashlint's findings; exits 0 either way.
demo: build
	cmake -S samples/$(SAMPLE) -B $(BUILD)/samples/$(SAMPLE) \
		-DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/arm-none-eabi-toolchain.cmake \
		-DFLASHLINT_HOOK=OFF >/dev/null
	cmake --build $(BUILD)/samples/$(SAMPLE) -j $(JOBS) >/dev/null
	@echo
	@echo "$$ $(BUILD)/flashlint check $(BUILD)/samples/$(SAMPLE)"
	@$(BUILD)/flashlint check $(BUILD)/samples/$(SAMPLE); \
		echo "(flashlint exit status: $$? — 1 means errors were reported)"
	@echo
	@echo "$$ $(BUILD)/flashlint report $(BUILD)/samples/$(SAMPLE) -o $(BUILD)/samples/$(SAMPLE)/map.html"
	@$(BUILD)/flashlint report $(BUILD)/samples/$(SAMPLE) -o $(BUILD)/samples/$(SAMPLE)/map.html

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Every test again, with flashlint and the suites built with AddressSanitizer and
# UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DFLASHLINT_SANITIZE=ON
	cmake --build $(BUILD)-asan -j $(JOBS)
	ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS)

bench: build
	bench/run.sh

# A fuzzing campaign of every reader (tests/fuzz/README.md): clang and libFuzzer
# (Debian: clang, libclang-rt-14-dev), one target at a time. FUZZ_ARGS go to
# tests/fuzz/campaign.sh, e.g. FUZZ_ARGS="--time 60 ldmap".
fuzz: deps
	CC=clang cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLASHLINT_FUZZ=ON
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzzers
	tests/fuzz/campaign.sh --build $(BUILD)-fuzz $(FUZZ_ARGS)

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz

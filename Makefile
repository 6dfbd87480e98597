# Two commands from a fresh Debian 12 machine:
#   make run    install what is missing, build, start the app
#   make test   install what is missing, build, run the whole test suite
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
ARGS ?=
JOBS ?= $(shell nproc)

ifeq ($(CI),true)
CMAKE_FLAGS += -DNBC_WERROR=ON
endif

.PHONY: all deps configure build run test test-asan test-core bench clean fuzz-build fuzz fuzz-smoke deb test-deb

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/app/netboot-console $(ARGS)

# The suite, then every fuzz target for FUZZ_SMOKE_SECONDS (below); fails when either fails.
# FUZZ_SMOKE=0 runs the suite alone (test-asan does: the fuzz targets run once per CI run).
FUZZ_SMOKE ?= 1
test: build
	@status=0; \
	(cd $(BUILD_DIR) && ctest --output-on-failure -j 1 $(CTEST_ARGS)) || status=$$?; \
	if [ "$(FUZZ_SMOKE)" = 1 ]; then $(MAKE) --no-print-directory fuzz-smoke || status=1; fi; \
	exit $$status

# The suite under AddressSanitizer + UBSan, in its own build folder. Every sanitized
# process writes its reports into build-asan/sanitizer-reports; any report fails the run,
# also one from a console that an end-to-end test started and stopped. The firmware
# matrix (e2e_qemu_firmware: eleven QEMU machines, the console's paths of the other QEMU
# boots) runs once per CI run, in `make test`, to keep CI within its time.
ASAN_REPORTS = $(CURDIR)/build-asan/sanitizer-reports
test-asan:
	@rm -rf $(ASAN_REPORTS) && mkdir -p $(ASAN_REPORTS)
	@status=0; \
	ASAN_OPTIONS=log_path=$(ASAN_REPORTS)/asan:detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizer/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(ASAN_REPORTS)/ubsan \
	$(MAKE) test BUILD_DIR=build-asan BUILD_TYPE=Debug FUZZ_SMOKE=0 CMAKE_FLAGS="$(CMAKE_FLAGS) -DNBC_SANITIZE=ON" \
		CTEST_ARGS="-E ^e2e_qemu_firmware $(CTEST_ARGS)" || status=$$?; \
	./scripts/check-sanitizer-reports.sh $(ASAN_REPORTS) || status=1; \
	exit $$status

# core and --headless without the window: proves that core builds without Widgets, and
# runs every test that needs no window (the QEMU boots are left to `make test`).
test-core: deps
	@cmake -S . -B build-core -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DNBC_BUILD_GUI=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-core -j $(JOBS)
	cd build-core && ctest --output-on-failure -j 1 -E '^e2e_qemu' $(CTEST_ARGS)

bench: build
	./bench/run-all.sh $(BUILD_DIR)

# The Debian package (CPack) from the build: $(BUILD_DIR)/netboot-console_<version>_<arch>.deb.
deb: build
	cd $(BUILD_DIR) && cpack -G DEB

# Builds the .deb, installs it with apt-get, checks its capabilities, --version, the
# desktop files and an unprivileged bind of ports 67 and 69, then removes it (root; CI).
test-deb: build
	./scripts/test-deb.sh $(BUILD_DIR)

# libFuzzer targets (fuzz/): core and the targets only, built by clang with ASan + UBSan in
# build-fuzz/. Warnings are not errors here: gcc's builds police them, and clang's set
# differs. Findings land in build-fuzz/findings/<target>/.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 30
fuzz-build: deps
	@cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DNBC_BUILD_GUI=OFF -DNBC_FUZZ=ON -DNBC_WERROR=OFF >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)

# Every target for FUZZ_SECONDS (10 minutes each by default), one after the other.
fuzz: fuzz-build
	./scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# About 30 s each: what `make test` runs after the suite.
fuzz-smoke: fuzz-build
	./scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SMOKE_SECONDS)

clean:
	rm -rf $(BUILD_DIR) build-asan build-core $(FUZZ_DIR)

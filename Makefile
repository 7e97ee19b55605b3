# A thin wrapper over Meson so the README's commands stay short.
#   make run    install what is missing, build, create the demo database, serve
#   make test   build and run every test suite, against SQLite and then PostgreSQL,
#               then the browser test (scripts/browser-test.sh)
BUILD ?= build
DB ?= var/sxsh.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test asan fuzz bench format clean FORCE

all: build

deps:
	@./scripts/deps.sh

# Reconfigure when the set of source, test or embedded files changes.
$(BUILD)/.files: FORCE
	@mkdir -p $(BUILD)
	@./scripts/list-files.sh 'src tests/lib tests/unit tests/http migrations data templates static' '' > $(BUILD)/.files.new
	@cmp -s $(BUILD)/.files.new $@ || mv $(BUILD)/.files.new $@
	@rm -f $(BUILD)/.files.new

build: deps $(BUILD)/.files
	@if [ ! -f $(BUILD)/build.ninja ]; then meson setup $(BUILD) $(MESON_OPTS); \
	elif [ $(BUILD)/.files -nt $(BUILD)/build.ninja ]; then meson setup --reconfigure $(BUILD) $(MESON_OPTS); fi
	@ninja -C $(BUILD)

$(DB):
	@mkdir -p $(dir $(DB))
	./$(BUILD)/sxsh demo --db $(DB) --accounts

run: build $(DB)
	./$(BUILD)/sxsh serve --db $(DB) --listen $(LISTEN)

test: build
	@./scripts/run-tests.sh $(BUILD)
	@./scripts/browser-test.sh $(BUILD)

# The test suites under AddressSanitizer and UndefinedBehaviorSanitizer.
# (SQLite only: the PostgreSQL run of `make test` covers the same code.)
asan:
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp SXSH_SUITES=sqlite $(MAKE) --no-print-directory test BUILD=build-asan \
		MESON_OPTS="-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug"

# libFuzzer drivers (tests/fuzz), FUZZ_SECONDS each (default 60); not part of `make test`.
fuzz:
	@./scripts/fuzz.sh

bench: build
	@./scripts/deps.sh --bench
	@./bench/run-all.sh $(BUILD)

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) build-asan
FORCE:

# pipetop — make demo | make test | make bench | make fuzz | make soak | make longrun | make install | make deb
SWIFT ?= swift
# Release builds go to SCRATCH_PATH (the install tests give their own: `swift test` holds .build's
# lock); the Swift runtime and Foundation are linked in, so the binary runs without a toolchain.
SCRATCH_PATH ?= .build
RELEASE_FLAGS = -c release --static-swift-stdlib --scratch-path $(SCRATCH_PATH)

.PHONY: all deps test-deps build release demo test bench fuzz soak longrun clean dist install uninstall deb

all: build

deps:
	@scripts/install-deps build

test-deps:
	@scripts/install-deps test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# The dashboard on the embedded demo pipeline; DEMO_ARGS passes options (e.g. DEMO_ARGS="--speed 5 --faults").
demo: release
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop demo $(DEMO_ARGS)

# The Kafka tests start their own Tansu broker and need librdkafka 2.16 (set up in .build-kafka
# by test-deps) loaded instead of Debian's 2.0, which cannot talk to it.
KAFKA_LIB = $(CURDIR)/.build-kafka/lib
# The install tests' release build (in .build-install) is made before the tests run, not while
# the timing-sensitive end-to-end tests run beside them.
test: test-deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory dist SCRATCH_PATH=.build-install
	LD_LIBRARY_PATH=$(KAFKA_LIB)$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH} $(SWIFT) test --skip-build

bench: release test-deps
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench all
	scripts/idle-cpu $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop
	scripts/bench-kafka 1000000 3
	scripts/bench-decode 1000000
	scripts/bench-tail-avro 1000000 3
	scripts/bench-schema-cache 1000
	scripts/idle-cpu-mapped 100

# Long runs stay out of `make test`: the fuzz test with many more inputs, the soak with 10M events,
# the long run with a day of pipeline time.
fuzz: test-deps
	PIPETOP_FUZZ_ITERATIONS=$${PIPETOP_FUZZ_ITERATIONS:-2000000} $(SWIFT) test --filter Fuzz

soak: release
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench soak

# A day of the demo's pipeline time (8 pipelines retraining every minute) into the store; resident
# memory hour by hour. About a minute of CPU per hour of pipeline time: too long for `make bench`.
longrun: release
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench longrun $(LONGRUN_HOURS)

# make install [PREFIX=/usr/local] [DESTDIR=]: the release binary, its man page and bash, zsh and fish
# completions (generated from the argument parser into $(DIST) by scripts/make-dist), the themes,
# the documented configuration and the examples. make uninstall removes exactly these files.
PREFIX ?= /usr/local
DESTDIR ?=
DIST = $(SCRATCH_PATH)/dist
BIN_DIR = $(DESTDIR)$(PREFIX)/bin
MAN_DIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASH_DIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_DIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_DIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
DATA_DIR = $(DESTDIR)$(PREFIX)/share/pipetop
THEMES = $(notdir $(wildcard Themes/*.toml))
EXAMPLES = $(notdir $(wildcard Config/examples/*.toml))

dist: deps
	scripts/make-dist "$(SWIFT)" $(DIST) $(RELEASE_FLAGS)

install: dist
	install -d $(BIN_DIR) $(MAN_DIR) $(BASH_DIR) $(ZSH_DIR) $(FISH_DIR) $(DATA_DIR)/themes $(DATA_DIR)/examples
	install -m 755 $(DIST)/pipetop $(BIN_DIR)/pipetop
	install -m 644 $(DIST)/pipetop.1 $(MAN_DIR)/pipetop.1
	install -m 644 $(DIST)/pipetop.bash $(BASH_DIR)/pipetop
	install -m 644 $(DIST)/_pipetop $(ZSH_DIR)/_pipetop
	install -m 644 $(DIST)/pipetop.fish $(FISH_DIR)/pipetop.fish
	install -m 644 Config/pipetop.toml $(DATA_DIR)/pipetop.toml
	install -m 644 $(addprefix Themes/,$(THEMES)) $(DATA_DIR)/themes
	install -m 644 $(addprefix Config/examples/,$(EXAMPLES)) $(DATA_DIR)/examples

# Removes the installed files, and share/pipetop's folders once empty (a theme added there stays).
uninstall:
	rm -f $(BIN_DIR)/pipetop $(MAN_DIR)/pipetop.1 $(BASH_DIR)/pipetop $(ZSH_DIR)/_pipetop $(FISH_DIR)/pipetop.fish
	rm -f $(DATA_DIR)/pipetop.toml $(addprefix $(DATA_DIR)/themes/,$(THEMES)) $(addprefix $(DATA_DIR)/examples/,$(EXAMPLES))
	rmdir $(DATA_DIR)/themes $(DATA_DIR)/examples $(DATA_DIR) 2>/dev/null || true

# The Debian package of what `make install PREFIX=/usr` installs, in $(SCRATCH_PATH)/deb.
DEB_ROOT = $(SCRATCH_PATH)/deb/root
deb:
	rm -rf $(DEB_ROOT)
	$(MAKE) install DESTDIR=$(abspath $(DEB_ROOT)) PREFIX=/usr
	scripts/make-deb $(abspath $(DEB_ROOT)) $(abspath $(SCRATCH_PATH)/deb)

clean:
	rm -rf .build .build-install

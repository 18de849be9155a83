# pipetop — make demo | make test | make bench | make fuzz | make soak
SWIFT ?= swift
RELEASE_FLAGS = -c release

.PHONY: all deps test-deps build release demo test bench fuzz soak clean

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

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release test-deps
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench all
	scripts/idle-cpu $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop

# Long runs stay out of `make test`: the fuzz test with many more inputs, the soak with 10M events.
fuzz: deps
	PIPETOP_FUZZ_ITERATIONS=$${PIPETOP_FUZZ_ITERATIONS:-2000000} $(SWIFT) test --filter Fuzz

soak: release
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench soak

clean:
	rm -rf .build

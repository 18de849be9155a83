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

# The Kafka tests start their own Tansu broker and need librdkafka 2.16 (set up in .build-kafka
# by test-deps) loaded instead of Debian's 2.0, which cannot talk to it.
KAFKA_LIB = $(CURDIR)/.build-kafka/lib
test: test-deps
	$(SWIFT) build --build-tests
	LD_LIBRARY_PATH=$(KAFKA_LIB)$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH} $(SWIFT) test --skip-build

bench: release test-deps
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench all
	scripts/idle-cpu $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop
	scripts/bench-kafka 1000000 3
	scripts/bench-decode 1000000
	scripts/bench-tail-avro 1000000 3
	scripts/bench-schema-cache 1000
	scripts/idle-cpu-mapped 100

# Long runs stay out of `make test`: the fuzz test with many more inputs, the soak with 10M events.
fuzz: test-deps
	PIPETOP_FUZZ_ITERATIONS=$${PIPETOP_FUZZ_ITERATIONS:-2000000} $(SWIFT) test --filter Fuzz

soak: release
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/pipetop-bench soak

clean:
	rm -rf .build

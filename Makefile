# Build, local stack and test targets of the profilehub platform (GNU make).
# `make run` starts everything and loads the public data sets; `make test`
# runs every module's tests against the local stack.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

export GOFLAGS ?= -buildvcs=false

SERVICES := ingest enrichment inference vectorize segment projector
# Module folders of the workspace, read from go.work.
MODULES := $(shell go work edit -json | sed -n 's/.*"DiskPath": "\(.*\)".*/\1/p')

# Folder of the input data sets; override with `make run DATA=/path`.
DATA ?= ../shared/data
FRAGRANTICA := $(DATA)/fragrantica/fragrantica.csv
SEPHORA := $(DATA)/sephora-fragrance-reviews/products.csv
RETAIL := $(DATA)/online-retail/online-retail.csv.gz

# Flags for every module's go test run. -count=1 because the integration
# tests read the live stack, which the test cache does not see.
TEST_FLAGS ?= -count=1 -timeout 20m
BENCH_OUT ?= docs/benchmarks.md

.PHONY: stack-up stack-down build topics migrate check-data run stop test bench verify lint services-start services-stop status

stack-up:
	bash deploy/local/up.sh

stack-down:
	bash deploy/local/down.sh

status:
	bash deploy/local/status.sh

build:
	@mkdir -p bin
	@for svc in $(SERVICES); do \
		echo "go build -o bin/$$svc ./services/$$svc"; \
		go build -o bin/$$svc ./services/$$svc; \
	done
	go build -o bin/profilectl ./cmd/profilectl

topics:
	bash deploy/local/topics.sh

migrate: build
	bin/profilectl migrate

services-start:
	bash deploy/local/services.sh start

services-stop:
	bash deploy/local/services.sh stop

# Fails with the name and origin of each missing input file.
check-data:
	@missing=0; \
	check() { \
		if [[ ! -s "$$1" ]]; then \
			echo "missing $$1: expected $$2" >&2; missing=1; \
		fi; \
	}; \
	if [[ ! -d "$(DATA)" ]]; then \
		echo "data folder $(DATA) not found; set it with make run DATA=/path/to/data" >&2; \
	fi; \
	check "$(FRAGRANTICA)" "fragrantica/fragrantica.csv, perfumes with brand, accords and top and middle notes scraped from the Fragrantica community site"; \
	check "$(SEPHORA)" "sephora-fragrance-reviews/products.csv, fragrance products of the Sephora shop with fragrance family and key notes"; \
	check "$(RETAIL)" "online-retail/online-retail.csv.gz, the UCI Machine Learning Repository \"Online Retail\" data set (invoice lines of a UK online retailer, 2010-12-01 to 2011-12-09) as gzip-compressed CSV"; \
	exit $$missing

run: check-data stack-up build topics migrate services-start
	bin/profilectl import catalogue --fragrantica "$(FRAGRANTICA)" --sephora "$(SEPHORA)"
	bin/profilectl import online-retail --file "$(RETAIL)"
	bin/profilectl wait
	bin/profilectl summary

stop: services-stop stack-down

# Runs go test in every workspace module against the local stack and the
# data sets in $(DATA), and fails at the end if any module failed, so every
# module's summary is printed.
test: stack-up topics
	@failed=""; \
	for mod in $(MODULES); do \
		echo "=== go test $$mod"; \
		if ! (cd "$$mod" && PROFILEHUB_REQUIRE_STACK=1 PROFILEHUB_DATA="$(abspath $(DATA))" \
			go test $(TEST_FLAGS) ./...); then \
			failed="$$failed $$mod"; \
		fi; \
	done; \
	if [[ -n "$$failed" ]]; then echo "FAIL: go test failed in:$$failed"; exit 1; fi

# Compares the platform that `make run` filled with figures computed from
# the whole retail CSV: orders, net revenue and products per customer in
# ClickHouse, Postgres and on the profiles topic.
verify:
	cd tests/e2e && PROFILEHUB_REQUIRE_STACK=1 PROFILEHUB_DATA="$(abspath $(DATA))" \
		go test -count=1 -tags verify -run '^TestRunningPlatformMatchesRetailYear$$' -timeout 15m -v .

# Pushes the whole retail year through a fresh copy of the platform and
# writes the measurements to $(BENCH_OUT).
bench: check-data stack-up topics
	cd tests/e2e && PROFILEHUB_REQUIRE_STACK=1 PROFILEHUB_DATA="$(abspath $(DATA))" \
		PROFILEHUB_BENCH_OUT="$(abspath $(BENCH_OUT))" \
		go test -count=1 -tags bench -run '^TestBenchmarkRetailYear$$' -timeout 90m -v .

lint:
	@unformatted="$$(gofmt -l $(MODULES))"; \
	if [[ -n "$$unformatted" ]]; then echo "gofmt -l lists unformatted files:"; echo "$$unformatted"; exit 1; fi
	@for mod in $(MODULES); do \
		echo "go vet $$mod"; \
		(cd "$$mod" && go vet ./...); \
	done

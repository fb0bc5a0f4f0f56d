# xvs — see README.md. `make demo` and `make test` install what they need on
# a fresh Debian machine (as root) before they run.
SHELL := /bin/bash
GO ?= go
export GOFLAGS ?= -buildvcs=false
APT_PACKAGES := clang llvm libbpf-dev bpftool iproute2 ethtool socat nftables curl procps iputils-ping
BINARIES := bin/xvsd bin/xvsadm bin/xvs-rs

.PHONY: all deps build test unit e2e vet fmt-check generate generate-check clean demo demo-down bench bench-quick bench-deps

all: build

# deps installs the toolchain pieces the build and the tests use. It only
# calls apt when something is missing, so it is quick on a ready machine.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required (https://go.dev/dl/)"; exit 1; }

build:
	@mkdir -p bin
	$(GO) build -o bin/ ./cmd/...
	$(GO) build -o bin/xvs-backend ./test/backend
	ln -sf xvsadm bin/ipvsadm
	ln -sf xvsadm bin/ipvsadm-save
	ln -sf xvsadm bin/ipvsadm-restore

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# generate rebuilds the BPF objects and their Go bindings with bpf2go.
generate:
	$(GO) generate ./...

# generate-check regenerates the committed BPF objects and bindings in a copy
# of the tree and fails if anything differs.
generate-check:
	@if ! command -v clang >/dev/null; then echo "clang not installed: skipping generate-check"; exit 0; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	git ls-files -z | xargs -0 -I{} cp --parents {} $$tmp/ 2>/dev/null || cp -r . $$tmp/; \
	(cd $$tmp && $(GO) generate ./... >/dev/null) || { echo "go generate failed"; exit 1; }; \
	for f in $$(git ls-files | grep -E '_bpfel\.(go|o)$$'); do \
		cmp -s $$f $$tmp/$$f || { echo "generated file differs after regeneration: $$f (run make generate)"; exit 1; }; \
	done; echo "generate-check: generated BPF files are up to date"

unit:
	$(GO) test -count=1 ./...

test: deps build vet fmt-check generate-check unit

# demo starts xvsd and drives it with ipvsadm (see demo/demo.sh).
demo: deps build
	bash demo/demo.sh

demo-down:
	bash demo/demo.sh down

# bench measures against a baseline in the same run; results go to bench/results/.
BENCH_PACKAGES := bc haproxy gnuplot-nox nftables

bench-deps: deps build
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

bench: bench-deps
	bash bench/run.sh

bench-quick: bench-deps
	bash bench/run.sh quick

clean:
	rm -rf bin

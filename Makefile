# The README's two set-up commands: `make run` and `make test`. Each installs the
# system libraries it needs (only when one is missing), builds, and runs.

SWIFT        ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev libedit-dev libsqlite3-dev
RELEASE_BIN   = .build/release
# Release builds target the CPU they are built on (AVX2/AVX-512 where present),
# like C's -march=native: each machine compiles for itself, so the binary is not
# meant to be copied to an older CPU. Debug builds (tests) use the portable baseline.
RELEASE_FLAGS = -c release -Xswiftc -target-cpu -Xswiftc native

.PHONY: all deps build run test fuzz eval bench notebooks clean

all: build

# Install missing Debian packages; `apt-get update` only when something is missing.
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product insights

# The main job on the bundled demo data: build the demo database from the committed
# files (datasets/demo), then open the REPL on it when stdin is a terminal, or else play
# the scripted tour datasets/demo/tour.iq (trend, anomalies, a forecast with intervals
# and a terminal chart, decomposition, SQL, a regression).
DEMO_DB = .build/demo.db
run: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(RELEASE_BIN)/insights ingest --db $(DEMO_DB) datasets/demo/metrics.csv datasets/demo/events.ndjson datasets/demo/labels.json
	@if [ -t 0 ]; then $(RELEASE_BIN)/insights --db $(DEMO_DB); \
	else $(RELEASE_BIN)/insights run datasets/demo/tour.iq --db $(DEMO_DB); fi

# The REPL tests drive a pseudo-terminal with tmux, the PromQL tests compare with a real
# Prometheus, the shell's golden tests read the raw points with the sqlite3 shell, the
# recommend tests push alerts to a real Alertmanager, the notebook tests open the HTML report
# in headless Chromium and validate notebooks with Jupyter's nbformat. nbformat comes from pip
# when python3 is one pip may install into; Debian's own python3 refuses (PEP 668,
# "externally-managed-environment"), or may lack pip or python3 itself, and then Debian's
# python3-nbformat (5.5, which validates the nbformat 4.5 schema) is installed instead.
test: deps
	@missing=""; command -v tmux >/dev/null || missing="$$missing tmux"; command -v prometheus >/dev/null || missing="$$missing prometheus"; \
	command -v sqlite3 >/dev/null || missing="$$missing sqlite3"; \
	command -v prometheus-alertmanager >/dev/null || missing="$$missing prometheus-alertmanager"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@python3 -c "import nbformat" 2>/dev/null || python3 -m pip install -q nbformat 2>/dev/null || \
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-nbformat)
	@python3 -c "import nbformat" || (echo "python3 cannot import nbformat; the notebook schema tests would be skipped" >&2; exit 1)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-run the example notebooks in notebooks/ in place on the demo data, outputs written back.
# The debug build, as the tests use: NotebookExampleTests runs each notebook again and checks
# that the committed outputs are what a run produces.
NOTEBOOK_DB = .build/notebooks-demo.db
notebooks: deps
	$(SWIFT) build --product insights
	rm -f $(NOTEBOOK_DB) $(NOTEBOOK_DB)-wal $(NOTEBOOK_DB)-shm
	.build/debug/insights ingest --db $(NOTEBOOK_DB) datasets/demo/metrics.csv datasets/demo/events.ndjson datasets/demo/labels.json
	for notebook in notebooks/*.ipynb; do NO_COLOR=1 .build/debug/insights notebook run $$notebook --db $(NOTEBOOK_DB) || exit 1; done

# Parser fuzzing: FUZZ_COUNT seeded inputs (valid, mutated and random statements) from
# FUZZ_SEED on, through the splitter, lexer, parser, error rendering and completion; the
# test prints the count, the seed range and the time. A release build with testing enabled,
# in its own build directory so it does not rebuild the release products.
FUZZ_COUNT ?= 1000000
FUZZ_SEED  ?= 1
FUZZ_FLAGS  = -c release -Xswiftc -enable-testing --scratch-path .build/fuzz
fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS) --build-tests
	INSIGHTS_FUZZ_COUNT=$(FUZZ_COUNT) INSIGHTS_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test $(FUZZ_FLAGS) --skip-build --filter ParserFuzzTests

# The default streaming detector on the NAB subset in ../shared/data/nab, scored by NAB's
# rules with one threshold per profile optimised on that subset (docs/STATISTICS.md).
eval: build
	$(RELEASE_BIN)/insights eval nab --data ../shared/data/nab --labels ../shared/data/nab/labels/combined_windows.json

# Benchmarks against the tools a user would otherwise use (numpy, pandas +
# statsmodels, statsforecast), measured in the same run; see bench/README.md.
bench: deps
	@python3 -c "import numpy, pandas, statsmodels" 2>/dev/null || pip install -q numpy pandas statsmodels
	@python3 -c "import statsforecast" 2>/dev/null || pip install -q statsforecast==2.1.1
	@python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb
	@command -v sqlite3 >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3)
	$(SWIFT) build $(RELEASE_FLAGS) --product insights-bench
	$(SWIFT) build $(RELEASE_FLAGS) --product insights
	$(RELEASE_BIN)/insights-bench
	python3 bench/regress_end_to_end.py $(RELEASE_BIN)/insights
	python3 bench/nist_regress_lre.py $(RELEASE_BIN)/insights
	python3 bench/ingest_vs_sqlite3.py $(RELEASE_BIN)/insights $(RELEASE_BIN)/insights-bench
	$(RELEASE_BIN)/insights-bench anomaly 1000
	python3 bench/forecast_vs_statsforecast.py $(RELEASE_BIN)/insights
	python3 bench/shell_latency.py $(RELEASE_BIN)/insights
	python3 bench/behavior_vs_duckdb.py $(RELEASE_BIN)/insights
	python3 bench/crossing_calibration.py $(RELEASE_BIN)/insights

clean:
	rm -rf .build

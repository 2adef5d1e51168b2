# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
DATABASE ?= sqlite://$(CURDIR)/var/samverkan.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test deps web release debug tsan bench clean

run: release web
	@mkdir -p var
	@build/release/samverkan keys init --file var/keys.toml --if-missing
	@build/release/samverkan seed-demo --operations --ads 2000 --database "$(DATABASE)"
	@echo
	@echo "Open http://$(LISTEN)/ in a browser and log in as one of the users above."
	@echo "Ctrl-C stops the server."
	@echo
	@SAMVERKAN_SECURITY_KEY_FILE=var/keys.toml SAMVERKAN_LOG_FORMAT=$${SAMVERKAN_LOG_FORMAT:-text} \
	  exec build/release/samverkan serve --database "$(DATABASE)" --listen "$(LISTEN)" \
	  --web-root "$(CURDIR)/web/dist"

test: debug web
	@if [ -z "$$SAMVERKAN_TEST_POSTGRES_URL" ]; then \
	  url=$$(bash scripts/test-postgres.sh) || { echo "make test: PostgreSQL could not be started" >&2; exit 1; }; \
	  export SAMVERKAN_TEST_POSTGRES_URL="$$url"; \
	fi; \
	ctest --preset debug

deps:
	@bash scripts/install-deps.sh

# npm ci only when the lock file changed since the last install.
web: deps
	@if [ ! -f web/node_modules/.package-lock.json ] || \
	    [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
	  cd web && npm ci --no-audit --no-fund; \
	fi
	@cd web && npm run --silent build

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

debug: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug

tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan
	ctest --test-dir build/tsan --output-on-failure -L unit-

# The ad pipeline on one core (bench/README.md); e.g. ADS_PIPELINE_FLAGS=--ads=100000.
ADS_PIPELINE_FLAGS ?=
bench: deps
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench
	bash bench/http_load.sh build/bench/samverkan
	@if command -v taskset >/dev/null; then pin="taskset -c 0"; else pin=""; fi; \
	  echo "$$pin build/bench/ads_pipeline $(ADS_PIPELINE_FLAGS)"; \
	  $$pin build/bench/ads_pipeline $(ADS_PIPELINE_FLAGS)

clean:
	rm -rf build web/dist

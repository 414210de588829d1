# policykg — two commands: `make app` and `make test` (each sets everything up).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  := .policykg/store
# the install stamp is keyed on the dependency files: a change reinstalls, nothing else does
DEPS_HASH := $(shell cat pyproject.toml constraints.txt 2>/dev/null | sha1sum | cut -c1-12)
STAMP  := $(VENV)/.installed-$(DEPS_HASH)
# the seed store is rebuilt when the corpus, the extractor's code or its data change
CORPUS_HASH := $(shell find corpora extractor -type f ! -name '*.pyc' 2>/dev/null | sort | xargs cat | sha1sum | cut -c1-12)
STORE_STAMP := .policykg/.store-$(CORPUS_HASH)

.PHONY: app test bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

$(STORE_STAMP): $(STAMP)
	rm -rf $(STORE) .policykg/.store-*
	$(BIN)/policykg extract corpora --store $(STORE)
	touch $@

app: $(STORE_STAMP)
	$(BIN)/policykg app --store $(STORE)

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# the browser test drives Debian's chromium (never a downloaded one; a CJK font for the screenshots)
.PHONY: chromium
chromium:
	@test -x /usr/bin/chromium || ! command -v apt-get >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .policykg

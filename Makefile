# The two commands a new user needs: `make generate` and `make test`. Both bootstrap .venv from
# requirements.lock (pinned) on first use; nothing else has to be installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate test check lint bench freshness clean-venv

# The project itself is installed editable (``polybind`` command, ``wirekit``, the generator as
# ``polybind``), and a .pth puts this checkout on the path so ``import generated.<service>``
# (the repository's own output, never part of the distribution) works from any directory.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	echo "$(CURDIR)" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/polybind-checkout.pth"
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/python -m codegen generate

lint: $(STAMP)
	$(BIN)/python -m codegen lint

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -p tests.coverage_report

freshness: $(STAMP)
	$(BIN)/python -m codegen check

check: $(STAMP) freshness
	$(BIN)/ruff check codegen wirekit generated tests $(wildcard bench)
	$(BIN)/ruff format --check codegen wirekit generated tests $(wildcard bench)
	$(BIN)/mypy --strict

bench: $(STAMP)
	$(BIN)/python -m bench

clean-venv:
	rm -rf $(VENV)

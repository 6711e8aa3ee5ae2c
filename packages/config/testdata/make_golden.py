"""Writes the expected output of confection for every config in configs/.

Run from anywhere with the project's Python venv (spaCy 3.8, confection 1.3):

    /work/main/v/bin/python packages/config/testdata/make_golden.py

For each configs/NAME.cfg it writes golden/NAME.json with:
  interpolated: Config().from_disk(path) as JSON (or interpolated_error)
  raw:          Config().from_disk(path, interpolate=False) (or raw_error)
  to_str:       the interpolated config's to_str() (when it has one)
  round_trip:   Config().from_str(to_str) (or round_trip_error): not always
                equal to interpolated, e.g. dict values come back as subsections
  overrides / with_overrides: when configs/NAME.overrides.json exists, the
                overrides and from_disk(path, overrides=...) (or with_overrides_error)
Errors are recorded as "ExceptionClass: first line of the message".
It also writes golden/merges.json: Config.merge() of pairs of these configs.
"""

import json
import sys
from pathlib import Path

import confection
from confection import Config

HERE = Path(__file__).resolve().parent
CONFIGS = HERE / "configs"
GOLDEN = HERE / "golden"


def error_text(e: Exception) -> str:
    lines = [line for line in str(e).splitlines() if line.strip()]
    return f"{type(e).__name__}: {lines[0] if lines else ''}"


def attempt(out: dict, key: str, fn) -> object:
    try:
        value = fn()
        # Serialize now so that values JSON cannot hold count as errors too.
        json.dumps(value)
        out[key] = value
        return value
    except Exception as e:  # noqa: BLE001 -- every failure is a recorded outcome
        out[f"{key}_error"] = error_text(e)
        return None


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path in sorted(CONFIGS.glob("*.cfg")):
        out: dict = {"confection": confection.__version__ if hasattr(confection, "__version__") else "1.x"}
        cfg = attempt(out, "interpolated", lambda: Config().from_disk(path))
        if cfg is not None:
            text = attempt(out, "to_str", lambda: cfg.to_str())
            if text is not None:
                attempt(out, "round_trip", lambda: Config().from_str(text))
        attempt(out, "raw", lambda: Config().from_disk(path, interpolate=False))
        overrides_path = path.with_suffix(".overrides.json")
        if overrides_path.exists():
            overrides = json.loads(overrides_path.read_text(encoding="utf8"))
            out["overrides"] = overrides
            attempt(out, "with_overrides", lambda: Config().from_disk(path, overrides=overrides))
        target = GOLDEN / f"{path.stem}.json"
        target.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf8")
        print(f"{path.name}: {', '.join(k for k in out if k != 'confection')}", file=sys.stderr)
    write_merges()


# (defaults, updates, remove_extra): Config(defaults).merge(updates), both read
# without interpolation, as spaCy merges a user's config over its defaults.
MERGES = [
    ("spacy_default_config", "quickstart_tagger", False),
    ("spacy_default_config", "page_textcat_bow", False),
    ("quickstart_ner", "edge_promises", False),
    ("quickstart_tagger", "quickstart_textcat", True),
    ("edge_promises", "edge_overrides", False),
]


def write_merges() -> None:
    cases = []
    for defaults, updates, remove_extra in MERGES:
        base = Config().from_disk(CONFIGS / f"{defaults}.cfg", interpolate=False)
        upd = Config().from_disk(CONFIGS / f"{updates}.cfg", interpolate=False)
        merged = base.merge(upd, remove_extra=remove_extra)
        cases.append(
            {
                "defaults": defaults,
                "updates": updates,
                "remove_extra": remove_extra,
                "merged": merged,
                "is_interpolated": merged.is_interpolated,
            }
        )
    text = json.dumps(cases, indent=2, ensure_ascii=False) + "\n"
    (GOLDEN / "merges.json").write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()

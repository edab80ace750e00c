"""Converts a STIX 2.1 bundle into a MISP event with MISP's own converter (misp-stix).

Usage: python misp-stix-convert.py BUNDLE.json OUTPUT_DIR
Prints JSON: {"event": the converted MISP event (what MISP would import), "messages": the
converter's own warnings and errors about what it could not map}. A conversion that yields
no event exits non-zero with the converter's errors.
"""
import json
import sys
from pathlib import Path

from misp_stix_converter import stix_2_to_misp


def main(path: str, output_dir: str) -> None:
    # One event for the whole bundle, as MISP's "import STIX 2.1" does.
    result = stix_2_to_misp(path, output_dir=output_dir, single_event=True)
    outputs = [Path(name) for name in result.get("results", [])]
    if not outputs:
        json.dump(result, sys.stderr, default=str)
        sys.exit(1)
    with open(outputs[0], encoding="utf-8") as handle:
        event = json.load(handle)
    messages = {k: v for k, v in result.items() if k not in ("results", "success")}
    json.dump({"event": event, "messages": messages}, sys.stdout, default=str, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

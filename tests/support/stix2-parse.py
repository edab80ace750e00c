"""Reads a STIX 2.1 bundle with OASIS's stix2 library, as another STIX tool would.

Usage: python stix2-parse.py BUNDLE.json
Prints JSON: the number of objects of each type, and of relationships how many carry a
confidence and a created_by_ref that names an identity of the bundle. A bundle stix2 cannot
parse exits non-zero with its error.
"""
import json
import sys
from collections import Counter

import stix2


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        bundle = stix2.parse(handle.read(), allow_custom=True)
    objects = list(bundle.objects)
    identities = {o.id for o in objects if o.type == "identity"}
    relationships = [o for o in objects if o.type == "relationship"]
    opinions = [o for o in objects if o.type == "opinion"]
    json.dump(
        {
            "types": dict(sorted(Counter(o.type for o in objects).items())),
            "relationships": len(relationships),
            "withConfidence": sum(1 for r in relationships if "confidence" in r),
            "withCreator": sum(
                1 for r in relationships if r.get("created_by_ref") in identities
            ),
            "opinionsByCreator": sum(
                1 for o in opinions if o.get("created_by_ref") in identities
            ),
            "revoked": sum(1 for o in objects if o.get("revoked") is True),
        },
        sys.stdout,
        sort_keys=True,
    )


if __name__ == "__main__":
    main(sys.argv[1])

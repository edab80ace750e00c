"""What OASIS's taxii2-client sees of a TAXII 2.1 server, as JSON on stdout.

usage: taxii-client-check.py <discovery-url> <token> <page-size> <type> <added-after>

Discovers the server, lists the collections of its first API root, then pages through every
collection's objects (page-size objects a request), its manifest, and its objects filtered
by type and by added_after. The token goes as HTTP Basic's password, as TAXII clients send it.
"""
import json
import sys

from taxii2client.v21 import Server, as_pages


def page_through(func, per_request, **filters):
    pages = 0
    items = []
    for envelope in as_pages(func, per_request=per_request, **filters):
        pages += 1
        items.extend(envelope.get("objects", []))
    return pages, items


def main():
    url, token, page_size, object_type, added_after = sys.argv[1:6]
    per_request = int(page_size)
    server = Server(url, user="taxii", password=token)
    api_root = server.api_roots[0]
    report = {
        "title": server.title,
        "default": server.default.url if server.default else None,
        "api_roots": [root.url for root in server.api_roots],
        "api_root_versions": api_root.versions,
        "collections": [],
    }
    for collection in api_root.collections:
        pages, objects = page_through(collection.get_objects, per_request)
        manifest_pages, manifest = page_through(collection.get_manifest, per_request)
        _, typed = page_through(collection.get_objects, per_request, type=object_type)
        _, recent = page_through(collection.get_objects, per_request, added_after=added_after)
        report["collections"].append(
            {
                "id": collection.id,
                "title": collection.title,
                "can_read": collection.can_read,
                "can_write": collection.can_write,
                "pages": pages,
                "ids": [o["id"] for o in objects],
                "manifest_pages": manifest_pages,
                "manifest_ids": [m["id"] for m in manifest],
                "typed_ids": [o["id"] for o in typed],
                "recent_ids": [o["id"] for o in recent],
            }
        )
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()

"""The JSON Schema of a plan file, as a writer's editor sees it.

The model accepts authoring shortcuts (a section as a bare list of items, an item as a bare
sentence, a section as a single "not applicable" statement); the schema says so, so that editors
autocomplete and accept what ehcplan accepts.
"""

from __future__ import annotations

import json
from typing import Any

from ehcplan.model.plan import ITEM_SECTIONS, Plan


def plan_json_schema() -> str:
    """The JSON Schema (draft 2020-12) for YAML and JSON plan files, as indented text."""
    schema: dict[str, Any] = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "EHC plan (ehcplan)"
    definitions = schema.get("$defs", {})
    for name in ("Need", "Outcome", "Provision", "Views", "Aspiration", "Who", "Placement", "PersonalBudget"):
        if name in definitions:
            definitions[name] = {"anyOf": [{"type": "string"}, definitions[name]]}
    sections = definitions["Sections"]["properties"]
    for letter in ITEM_SECTIONS:
        reference = _reference(sections[letter])
        item_ref = definitions[reference]["properties"]["items"]["items"]
        sections[letter] = {
            "anyOf": [
                {"type": "array", "items": item_ref},
                {"type": "string", "description": "Why the section is not used, e.g. 'Not applicable'"},
                {"$ref": f"#/$defs/{reference}"},
                {"type": "null"},
            ],
            "description": sections[letter].get("description", ""),
        }
    return json.dumps(schema, indent=2, ensure_ascii=False)


def _reference(property_schema: dict[str, Any]) -> str:
    for option in property_schema.get("anyOf", [property_schema]):
        if "$ref" in option:
            return str(option["$ref"]).rsplit("/", 1)[-1]
    raise KeyError("section schema has no reference")

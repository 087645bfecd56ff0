"""SARIF 2.1.0, for code-scanning tools and editors that read it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ehcplan import __version__
from ehcplan.check.rules.registry import all_rules

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results: list[CheckResult], **_options: Any) -> str:
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    sarif_results = []
    for result in results:
        for finding in result.findings:
            region: dict[str, Any] = {"startLine": finding.line or 1, "snippet": {"text": finding.excerpt}}
            sarif_results.append(
                {
                    "ruleId": finding.rule,
                    "ruleIndex": index.get(finding.rule, 0),
                    "level": LEVELS[finding.severity.value],
                    "message": {"text": f"{finding.message} {finding.suggestion}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": Path(result.path).as_posix()},
                                "region": region,
                            }
                        }
                    ],
                    "properties": {"section": finding.section, "item": finding.item},
                }
            )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ehcplan",
                        "version": __version__,
                        "informationUri": "https://example.invalid/ehcplan",
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": rule.summary()},
                                "fullDescription": {"text": rule.documentation()},
                                "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
                                "properties": {"category": rule.category.value},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

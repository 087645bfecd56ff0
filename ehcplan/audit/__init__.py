"""Quality panel audits: many plans at once, with grades, reports and redaction.

``collect`` finds the plan files, ``worker`` checks each one (in parallel processes), ``redact``
takes names out of what is reported, and ``summary`` adds the results up for the reports.
"""

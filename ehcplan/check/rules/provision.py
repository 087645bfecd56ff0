"""Provision (sections F, G, H1, H2) must be specified and quantified, so it can be enforced."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ehcplan.check.rules.registry import Rule, register
from ehcplan.model import PROVISION_SECTIONS
from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext


class ProvisionRule(Rule):
    """A provision rule: runs ``check_item`` on each item that describes support."""

    category = Category.provision

    def check(self, context: CheckContext) -> Iterator[Finding]:
        readings = context.provision_readings
        for letter, item in context.plan.items(*PROVISION_SECTIONS):
            reading = readings.get(item.id)
            if reading is not None:
                yield from self.check_item(context, letter, item, reading)

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        raise NotImplementedError


@register
class ProvisionNotQuantified(ProvisionRule):
    """What it does
    Flags provision that says neither how often nor for how long it is given.

    Why is this bad?
    Provision must be "detailed and specific and should normally be quantified, for example,
    in terms of the type, hours and frequency of support" (SEND Code of Practice 9.69). If the
    amount is not written down, the family cannot enforce it (L v Clarke and Somerset CC [1998]).

    Severity
    An error: provision with no amount at all cannot be enforced, because the family could never
    show that less was given than was promised.

    Example
        Speech and language therapy to develop Ali's vocabulary.

    Use instead
        A speech and language therapist will see Ali 1:1 for 30 minutes once a week to teach topic vocabulary.
    """

    code = "PROV001"
    name = "provision-not-quantified"
    severity = Severity.error

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if not reading.states("amount"):
            yield context.item_span_finding(
                self,
                letter,
                item,
                None,
                message="This provision does not say how often or for how long it is given.",
                suggestion="Say how often and how long each time: for example 'three 20-minute sessions a week' or '25 hours a week'.",
            )


@register
class ProvisionNoProvider(ProvisionRule):
    """What it does
    Flags provision that does not say who will give it: no role, or only "staff", "the school",
    "an adult", "a key adult" or "a familiar adult".

    Why is this bad?
    The DfE draft template asks who provides each item, and their qualification or training.
    The level of expertise is part of what must be specified (Code 9.69); "a familiar adult"
    could be anyone, with no training at all.

    Severity
    A warning: a panel would send it back, because the family cannot tell who will give the help or
    what training they have; a vague provider ("staff") and no provider at all are both warnings.

    Example
        A familiar adult will meet Seb at the gate each morning for 10 minutes.

    Use instead
        Seb's teaching assistant, trained in Zones of Regulation, will meet him at the gate for 10 minutes each morning.
    """

    code = "PROV002"
    name = "provision-no-provider"
    severity = Severity.warning

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if reading.states("who"):
            return
        span = reading.vague_providers[0] if reading.vague_providers else None
        if span is not None:
            message = "'{excerpt}' does not say who will give this help or what training they have."
        else:
            message = "This provision does not say who will give it."
        yield context.item_span_finding(
            self,
            letter,
            item,
            span,
            message=message,
            suggestion="Name the role and its training: for example 'a teaching assistant trained in Makaton'.",
        )


@register
class ProvisionVagueContent(ProvisionRule):
    """What it does
    Flags provision that names only generic help ("support", "input", "interventions",
    "strategies", "time with") without saying what will actually be done.

    Why is this bad?
    Words such as "support", "input", "interventions" and "opportunities" are unlikely to be
    enough (Worcestershire CC v SE [2020] UKUT 217). A tribunal has struck out an item that named
    hours, frequency and a professional because what was to be done was vague.

    Severity
    A warning: without the content, the family cannot tell what their child will actually get, so a
    panel would send it back. When a named role gives help through the whole day, a tribunal would
    accept it, so asking for the content is only a note.

    Example
        Carys will have 2 x 30-minute sessions a week of 1:1 support from a teaching assistant.

    Use instead
        A teaching assistant will teach Carys the Power of 2 maths programme 1:1 for 30 minutes twice a week.
    """

    code = "PROV003"
    name = "provision-vague-content"
    severity = Severity.warning

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if reading.states("what"):
            return
        # Hours with a named role through the whole day are accepted; the content is asked as a note.
        severity = Severity.info if reading.states("who") and reading.covers_the_day else self.severity
        span = reading.generic_words[0] if reading.generic_words else None
        yield context.item_span_finding(
            self,
            letter,
            item,
            span,
            message=(
                "'{excerpt}' does not say what will actually be done."
                if span is not None
                else "This provision does not say what will actually be done."
            ),
            suggestion="Describe the help itself: the programme, activity or teaching, and what it works on.",
            severity=severity,
        )


@register
class ProvisionHedged(ProvisionRule):
    """What it does
    Flags wording that leaves provision to someone's discretion: "access to", "opportunities",
    "regular", "up to", "as required", "where appropriate", "may", "should", "would benefit
    from", "small group", ranges such as "3-4 times a week", "to be determined by the setting".
    A hedge is reported only where the detail it leaves open is not stated elsewhere: "a group
    of up to 3 pupils" states a group size, "up to 10 hours" does not state the hours.

    Why is this bad?
    Flexibility is no excuse for vagueness (East Sussex CC v TW [2016]); provision must leave no
    room for doubt (L v Clarke and Somerset CC [1998]); and the local authority cannot leave it
    to be determined by the school (C v SENT and LB Greenwich [1999]).

    Severity
    A warning: a hedge leaves the amount, the group, the content or the duty itself to someone's
    judgement, so a panel would send it back. Leaving the provision to the school or to a later
    assessment ("to be determined", "following assessment") is an error, because the local authority
    cannot hand that decision to anyone else; "a minimum of" is only a note, because a floor can be
    enforced. Policy note: hedges that remove the duty altogether ("as required", "may", "would
    benefit from", "up to", "access to", "opportunities for") leave words that cannot be enforced,
    which JUDGEMENT.md calls an error; a warning fits the hedges that only leave a detail unclear
    ("regular", "small group", "such as").

    Example
        Access to speech and language therapy as required.

    Use instead
        A speech and language therapist will see Ali 1:1 for 30 minutes every week in term time.
    """

    code = "PROV004"
    name = "provision-hedged"
    severity = Severity.warning

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        for match in reading.hedges:
            entry = match.entry
            yield context.item_span_finding(
                self,
                letter,
                item,
                match,
                message=entry.message or "'{excerpt}' leaves the provision open to interpretation.",
                suggestion=entry.suggestion or "State exactly what will be provided.",
                severity=Severity(entry.severity) if entry.severity else None,
            )


@register
class ProvisionNoGroupSize(ProvisionRule):
    """What it does
    Points out provision that does not say the group size or adult-to-child ratio.

    Why is this bad?
    The DfE draft template asks for the staff-to-pupil ratio or group size (1:1, 2:1, a group
    of 6) of every item: one-to-one teaching is a different thing from a class of thirty.

    Severity
    A note: the help is still specified and quantified, and the group often follows from the
    setting, so a tribunal would accept it; the ratio is a prompt for a clearer plan.

    Example
        A teaching assistant will teach phonics for 20 minutes daily.

    Use instead
        A teaching assistant will teach phonics 1:1 for 20 minutes daily.
    """

    code = "PROV005"
    name = "provision-no-group-size"
    severity = Severity.info

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if not reading.states("group") and reading.states("amount"):
            yield context.item_span_finding(
                self,
                letter,
                item,
                None,
                message="This provision does not say whether it is one-to-one or in a group.",
                suggestion="Add the ratio or group size, for example '1:1' or 'in a group of no more than 4'.",
            )


@register
class ProvisionNoSessionLength(ProvisionRule):
    """What it does
    Points out provision that says how often but not how long each time.

    Why is this bad?
    "Weekly speech and language therapy" could be five minutes or an hour. The DfE draft
    template asks how long each session lasts (Code 9.69: hours and frequency).

    Severity
    A note: the help has a frequency, so some amount is promised and a tribunal would usually accept
    it; the length of each session makes it easier to hold to.

    Example
        A speech and language therapist will see Ali every week.

    Use instead
        A speech and language therapist will see Ali for 30 minutes every week.
    """

    code = "PROV006"
    name = "provision-no-session-length"
    severity = Severity.info

    def check_item(self, context, letter, item, reading) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if reading.states("how_often") and not reading.states("how_long"):
            span = reading.stated["how_often"][0]
            yield context.item_span_finding(
                self,
                letter,
                item,
                span,
                message="This says how often ('{excerpt}') but not how long each time.",
                suggestion="Add the length of each session, for example '30 minutes'.",
            )

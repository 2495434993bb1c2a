"""The packs the site offers: one per audience, made from content, then one per file in content/packs/."""

from __future__ import annotations

from scrutiny_packs.model import Audience, Bank, PackSpec, Selection
from scrutiny_packs.text.escape import md_literal


def audience_pack(audience: Audience) -> PackSpec:
    """Every question suited to an audience, grouped by area, in the audience's own framing."""
    return PackSpec(
        id=audience.id,
        title=f"Questions for {audience.name}",
        audience=audience.id,
        framing=audience.framing,
        # The description is Markdown, the name plain text: escaped, it shows as written.
        description=(
            f"Every question in the bank suited to {md_literal(_in_sentence(audience.name))}, grouped by area, "
            "with what a good answer would show and the evidence to ask for."
        ),
        selection=Selection(audiences=(audience.id,)),
    )


def _in_sentence(name: str) -> str:
    """A name placed mid-sentence: 'Health bodies' -> 'health bodies', but 'ICB members' stays."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def default_packs(bank: Bank) -> list[PackSpec]:
    return [audience_pack(a) for a in bank.audiences.values()]


def all_packs(bank: Bank) -> list[PackSpec]:
    """Audience packs first, in audience order, then the packs in content/packs/.

    A pack file never takes an audience pack's address: the loader reports
    such a file as an error, and it is left out here.
    """
    defaults = default_packs(bank)
    taken = {p.id for p in defaults}
    return defaults + [p for p in bank.packs.values() if p.id not in taken]


def packs_for_audience(packs: list[PackSpec], audience_id: str) -> list[PackSpec]:
    return [p for p in packs if p.audience == audience_id]

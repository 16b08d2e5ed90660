"""Turn text into cells, atoms and boxes: the units line breaking works with.

A cell is one drawn character with its natural width. An atom is a run nothing may split or
stretch (a Han character, a number with its unit, a Latin word, ——, ……). A box is a run of
atoms with no break opportunity inside (a mark that may not start a line glues to the atom
before it; one that may not end a line glues to the atom after it).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fonts import FontMetrics
from . import clreq


@dataclass(frozen=True)
class Cell:
    char: str
    cls: str  # clreq.char_class
    width: float  # natural width in em (a full-width mark: 1)
    advance: float  # the glyph's own advance in em

    @property
    def squeezable(self) -> bool:
        return self.char in clreq.COMPRESSIBLE


@dataclass(frozen=True)
class Atom:
    cells: tuple[Cell, ...]

    @property
    def first(self) -> str:
        return self.cells[0].char

    @property
    def last(self) -> str:
        return self.cells[-1].char

    @property
    def is_space(self) -> bool:
        return self.cells[0].cls == "space"

    @property
    def is_connector(self) -> bool:
        return self.first in clreq.CONNECTORS


Box = tuple[Atom, ...]


def make_cell(ch: str, font: FontMetrics, cls: str | None = None) -> Cell:
    """cls: the character's class in its place (clreq.cell_class), if not its own (clreq.char_class)."""
    cls = cls or clreq.char_class(ch)
    advance = font.advance(ch)
    # a mark takes a full-width cell whatever its glyph's advance (some faces draw “ ” Latin-width)
    width = 1.0 if clreq.is_punct(cls) else advance
    return Cell(ch, cls, width, advance)


def atoms(text: str, font: FontMetrics, counters_apart: bool = False) -> list[Atom]:
    """Split text into unbreakable runs (clreq.unbreakable_runs), each an atom of cells."""
    text = text.replace("\n", " ")
    made: dict[str, Cell] = {}  # a paragraph repeats its characters (的, 。): each cell made once (cells are frozen)

    def cell(c: str) -> Cell:
        out = made.get(c)
        if out is None:
            out = made[c] = make_cell(c, font)
        return out

    def cells(i: int, j: int) -> tuple[Cell, ...]:
        run = text[i:j]
        if j - i == 1 or not any(c in clreq.IN_CONTEXT for c in run):  # a unit's dot (kW·h), an operator (4×100)
            return tuple(map(cell, run))  # only ever inside a run of their own
        return tuple(
            make_cell(c, font, clreq.cell_class(text[k - 1] if k else "", c, text[k + 1 : k + 2]))
            if c in clreq.IN_CONTEXT
            else cell(c)
            for k, c in enumerate(run, i)
        )

    return [Atom(cells(i, j)) for i, j in clreq.unbreakable_runs(text, counters_apart)]


def boxes(atom_list: list[Atom]) -> list[Box]:
    """Glue atoms that may not be separated by a line break."""
    out: list[list[Atom]] = []
    for atom in atom_list:
        glue = (
            bool(out)
            and not atom.is_space
            and not out[-1][-1].is_space
            and (not clreq.may_start_line(atom.first) or not clreq.may_end_line(out[-1][-1].last))
        )
        if glue:
            out[-1].append(atom)
        else:
            out.append([atom])
    return [tuple(b) for b in out]

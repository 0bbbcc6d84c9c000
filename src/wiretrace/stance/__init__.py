"""Stance: does a text support, dispute or merely report a claim — and across the corpus, who does.

:func:`~wiretrace.stance.model.stance_of` scores one (claim, text) pair;
:mod:`wiretrace.stance.check` matches a claim against a stored corpus and counts each side
by independent origin; :mod:`wiretrace.stance.claimreview` writes schema.org ClaimReview.
"""

from __future__ import annotations

from wiretrace.stance.model import Stance, StanceLabel, stance_of

__all__ = ["Stance", "StanceLabel", "stance_of"]

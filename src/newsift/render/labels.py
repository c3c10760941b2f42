"""Kept for :mod:`newsift.exports`, which imports :func:`field` from here; the vocabulary
itself is :mod:`newsift.render.words`. Import from there."""

from newsift.render.words import field

__all__ = ["field"]

"""Evaluations of newsift's analyzers: corpora → metrics → scorers → one gate.

- :mod:`newsift.eval.corpora`: one reader per annotated set (PTC, PolNeAR, ClaimBuster and
  CheckThat!, the toponym corpora GeoWebNews, LGL and GeoVirus, newsift's own places,
  misspelling, source-type and news check-worthiness sets, the own ones shipped as package
  data under ``eval/data``).
- :mod:`newsift.eval.metrics`: the one precision / recall / F1 every scorer uses.
- Scorers, one per task (:mod:`~newsift.eval.checkworthy`, :mod:`~newsift.eval.places`,
  :mod:`~newsift.eval.toponyms`, :mod:`~newsift.eval.polnear`, :mod:`~newsift.eval.ptc`,
  :mod:`~newsift.eval.sources`): plain predictions and gold records in, scores out; they
  neither read files nor print.
- :mod:`newsift.eval.run`: reads a set, runs the analyzer as ``newsift analyze`` runs it, and
  scores it; :mod:`newsift.eval.report` formats the results for ``newsift eval …``.
- :mod:`newsift.eval.gate`: every set with its scores pinned as floors (``gate.json``).
"""

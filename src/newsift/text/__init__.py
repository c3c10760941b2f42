"""Text utilities below every analyzer: plain functions over strings and character spans.

A leaf layer: it imports nothing else from newsift, so any analyzer, evaluation or renderer
can use it without importing another analyzer.
"""

"""Hedged language to claims: the lexicon of cues and claim extraction."""

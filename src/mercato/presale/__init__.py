"""Presale (预售): a deposit now, the balance later, goods shipped when they are in."""

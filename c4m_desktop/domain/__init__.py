"""Pure rules of the programme: sites, taxonomy, enums, validation, money and the sync clock.

Nothing here imports another package of ours, a database or Qt; validation returns message ids
with parameters that the caller translates where it shows them.
"""

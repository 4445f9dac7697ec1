"""The constructs: the identity pool, its providers, role mappings, principal tags, group roles, per-identity
scoping, imported pools, and the checks of props at construction and of the final shape at synth."""

"""The constructs: the identity pool, its providers, role mappings, principal tags, group roles, per-identity
scoping, imported pools, and the checks of props at construction and of the final shape at synth."""

# Our structs and enums register with ``upstream`` (what aws-cdk-lib's classes of the same names convert to) as
# their modules load: loaded here, they are all known before any check meets an aws-cdk-lib value.
from . import provider_url, providers, role_mapping  # noqa: F401

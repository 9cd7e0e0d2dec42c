//! claimgraph knowledge base: actors and places, aliases, resolution of mentions to stable ids

//! claimgraph named-entity recognizer: a sequence labeller with gazetteer features, trained on open data

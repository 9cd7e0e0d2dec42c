//! claimgraph extraction: events, claims, dates, quantities and in-document coreference

-- claimgraph store, schema version 5: an incident's earliest member in one index step.
--
-- Merging asks for the smallest sort key of every incident a new report links to; with the
-- index on `incident` alone that read every member of the incident, and a story that
-- thousands of reports cover made each such lookup (and each ingest) slower as it grew.
DROP INDEX incident_events_incident;
CREATE INDEX incident_events_incident ON incident_events (incident, sort_key);

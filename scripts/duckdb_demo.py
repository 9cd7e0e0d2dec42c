"""Example queries over a claimgraph Parquet export in DuckDB (run by scripts/duckdb-demo).

Usage: python scripts/duckdb_demo.py LAKE_DIR
Prints each query's answer and exits non-zero when a check fails.
"""

import os
import sys

import duckdb

lake = sys.argv[1]
con = duckdb.connect()

# One view per table. Partitioned tables read every month with the `month` column from
# the directory names (hive partitioning); incidents are one file.
for table in ["documents", "entities", "mentions", "events", "claims", "claim_links"]:
    con.execute(
        f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{lake}/{table}/*/*.parquet', hive_partitioning = true)"
    )
con.execute(f"CREATE VIEW incidents AS SELECT * FROM read_parquet('{lake}/incidents/*.parquet')")


def show(title, sql):
    rows = con.execute(sql).fetchall()
    cols = [d[0] for d in con.description]
    print(f"\n== {title}")
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join("" if v is None else str(v) for v in r))
    return rows


failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"CHECK FAILED: {what}")


counts = show(
    "rows per table",
    """SELECT 'documents' AS t, count(*) AS n FROM documents UNION ALL
       SELECT 'events', count(*) FROM events UNION ALL
       SELECT 'claims', count(*) FROM claims UNION ALL
       SELECT 'claim_links', count(*) FROM claim_links UNION ALL
       SELECT 'entities', count(*) FROM entities UNION ALL
       SELECT 'mentions', count(*) FROM mentions UNION ALL
       SELECT 'incidents', count(*) FROM incidents""",
)
n = dict(counts)
check(n["documents"] > 0 and n["events"] > 0 and n["claims"] > 0, "every main table has rows")

per_actor = show(
    "events per actor per month",
    """SELECT month, coalesce(actor, '(no actor)') AS actor, type, count(*) AS events,
              sum(coalesce(fatalities_min, 0)) AS killed_at_least
       FROM events
       GROUP BY ALL
       ORDER BY month, events DESC, actor
       LIMIT 20""",
)
check(len(per_actor) > 0, "events per actor per month is not empty")
check(all(len(r[0]) == 7 or r[0] == "unknown" for r in per_actor), "months are YYYY-MM")

contested = show(
    "contested claims: one event asserted by one claimant and denied by another (same report)",
    """WITH s AS (
           SELECT l.doc_id, l.event_id, c.claimant, c.stance
           FROM claim_links l JOIN claims c USING (doc_id, claim_id)
       )
       SELECT e.doc_id[8:19] AS doc, e.event_id, e.type, e.location,
              string_agg(DISTINCT a.claimant, '; ') AS asserted_by,
              string_agg(DISTINCT d.claimant, '; ') AS denied_by
       FROM s a
       JOIN s d ON d.doc_id = a.doc_id AND d.event_id = a.event_id
                AND d.stance = 'denies' AND a.stance IN ('asserts', 'confirms')
                AND d.claimant <> a.claimant
       JOIN events e ON e.doc_id = a.doc_id AND e.event_id = a.event_id
       GROUP BY ALL
       ORDER BY doc, e.event_id""",
)
check(len(contested) > 0, "the demo reports hold at least one contested event")

if n["incidents"] > 0:
    across = show(
        "incidents reported by several documents",
        """SELECT incident[1:12] AS incident, min(type) AS type, min(location) AS location,
                  count(DISTINCT doc_id) AS reports, max(fatalities_max) AS max_killed
           FROM incidents GROUP BY incident HAVING count(DISTINCT doc_id) > 1
           ORDER BY reports DESC, incident""",
    )
    check(len(across) > 0, "some incident is reported by more than one document")

dangling = con.execute(
    "SELECT count(*) FROM events e ANTI JOIN documents d USING (doc_id)"
).fetchone()[0]
check(dangling == 0, "every event's document is in documents")
spans_ok = con.execute(
    """SELECT count(*) FROM mentions m JOIN documents d USING (doc_id)
       WHERE substring(d.text, m.start + 1, m."end" - m.start) <> m.text"""
).fetchone()[0]
check(spans_ok == 0, "every mention's offsets give its text (char offsets)")

if failures:
    print(f"\n{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print(f"\nduckdb-demo: all checks passed on {os.path.abspath(lake)}")

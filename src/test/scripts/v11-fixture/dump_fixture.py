#!/usr/bin/env python3
"""Dumps the rows of a Weiquan database at schema V11 (made by run_old_app.sh and drive_old_app.py) as portable SQL
INSERT statements that load into PostgreSQL and H2 alike: every Weiquan table but the login tokens, in an order that
satisfies the foreign keys, its sequences' next values, and the rows of the process engine's tables that the V13
migration reads (process definitions, running executions and their variables, process and task history).

The schema itself is not dumped: the test makes it with Flyway up to V11 (Weiquan) and with the engine's own create
scripts (Camunda), then loads these rows. Literals: 'text' (quotes doubled), TIMESTAMP WITH TIME ZONE '…+00:00',
TIMESTAMP '…' (the engine's columns, written in the old server's zone, UTC), DATE '…', TRUE/FALSE, numbers.

    python3 dump_fixture.py --db weiquan_h11m_old | gzip -9n > src/test/resources/migration/v11-fixture.sql.gz
"""
import argparse
import json
import subprocess
import sys

ENGINE_TABLES = ["act_re_procdef", "act_ru_execution", "act_ru_variable", "act_hi_procinst", "act_hi_taskinst"]
# the login tokens; the schema history and the start-up lock's one row are made by the migrations
LEFT_OUT = {"api_token", "schema_history", "startup_lock"}

args = None


def query(sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "weiquan", "-d", args.db, "-v", "ON_ERROR_STOP=1",
                          "-tA", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [line for line in out.split("\n") if line]


def weiquan_tables():
    tables = [t for t in query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                               "AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'act\\_%' ORDER BY 1")
              if t not in LEFT_OUT]
    edges = {t: set() for t in tables}
    for line in query("SELECT tc.table_name || ' ' || ccu.table_name FROM information_schema.table_constraints tc "
                      "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name "
                      "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'"):
        child, parent = line.split(" ")
        if child in edges and parent in edges and child != parent:
            edges[child].add(parent)
    ordered, seen = [], set()

    def visit(t):
        if t not in seen:
            seen.add(t)
            for p in sorted(edges[t]):
                visit(p)
            ordered.append(t)

    for t in tables:
        visit(t)
    return ordered


def columns(table):
    return [line.split("|") for line in query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
        f"AND table_name = '{table}' ORDER BY ordinal_position")]


def literal(value, data_type):
    if value is None:
        return "NULL"
    if data_type == "boolean":
        return "TRUE" if value else "FALSE"
    if data_type in ("integer", "bigint", "smallint", "numeric", "double precision", "real"):
        return str(value)
    if data_type == "timestamp with time zone":
        return "TIMESTAMP WITH TIME ZONE '" + value.replace("T", " ") + "'"
    if data_type == "timestamp without time zone":
        return "TIMESTAMP '" + value.replace("T", " ") + "'"
    if data_type == "date":
        return "DATE '" + value + "'"
    if data_type in ("character varying", "text", "character"):
        return "'" + value.replace("'", "''") + "'"
    raise SystemExit(f"no portable literal for {data_type}")


# rows whose foreign keys point into their own table come parents first
ORDER = {"station": "length(path), id", "contact": "id", "act_ru_execution": "depth, id_"}


def rows(table, cols):
    names = ", ".join(c for c, _ in cols)
    source = table
    if table == "act_ru_execution":
        source = ("(WITH RECURSIVE tree AS (SELECT e.*, 0 AS depth FROM act_ru_execution e WHERE e.parent_id_ IS NULL "
                  "UNION ALL SELECT c.*, t.depth + 1 FROM act_ru_execution c JOIN tree t ON c.parent_id_ = t.id_) "
                  "SELECT * FROM tree)")
    order = ORDER.get(table, names)
    for line in query(f"SELECT json_build_array({names}) FROM {source} t ORDER BY {order}"):
        yield json.loads(line)


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="weiquan_h11m_old")
    args = parser.parse_args()
    out = sys.stdout
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    out.write(f"-- Rows of a Weiquan database at schema V11 (dump_fixture.py, from database {args.db});"
              " see README.md next to this file.\n")
    for table in weiquan_tables() + ENGINE_TABLES:
        cols = columns(table)
        types = [t for _, t in cols]
        if "bytea" in types:
            if query(f"SELECT COUNT(*) FROM {table}") != ["0"]:
                raise SystemExit(f"{table} has binary columns: not portable")
            continue
        names = ", ".join(c for c, _ in cols)
        for row in rows(table, cols):
            values = ", ".join(literal(v, t) for v, t in zip(row, types))
            out.write(f"INSERT INTO {table} ({names}) VALUES ({values});\n")
    for line in query("SELECT sequencename || ' ' || COALESCE(last_value, start_value) || ' ' || increment_by || ' ' "
                      "|| (last_value IS NOT NULL) FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"):
        name, last, increment, called = line.split(" ")
        start = int(last) + int(increment) if called == "true" else int(last)
        out.write(f"ALTER SEQUENCE {name} RESTART WITH {start};\n")


if __name__ == "__main__":
    main()

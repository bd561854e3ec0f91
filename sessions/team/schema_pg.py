"""PostgreSQL migrations of the team database: tables, the search index, and row-level security.

Every table that holds records (or anything read from them) has row-level security enabled and
forced, so the policies bind the tables' owner too, which is the role the relay connects as. The relay
refuses to run as a superuser or a role with BYPASSRLS (sessions/team/migrations.py), for which no policy
applies. Policies read the acting identity that `Database.tx` sets per transaction.
"""

from __future__ import annotations

from sessions.cluster import schema as cluster_schema
from sessions.team.schema_common import HQ_V2, TABLES_V1

_IDENTITY = """
CREATE FUNCTION vz_user() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('valuezone.user', true), '') $$;
CREATE FUNCTION vz_role() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('valuezone.role', true), '') $$;
CREATE FUNCTION vz_teams() RETURNS text[] LANGUAGE sql STABLE
    AS $$ SELECT string_to_array(nullif(current_setting('valuezone.teams', true), ''), ',') $$;
-- Who sees a record: admin and the relay's own jobs everything; hq escalated ones; a lead their teams';
-- everyone their own. No identity set: nothing.
CREATE FUNCTION vz_sees(owner text, teams text, escalated smallint) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(CASE vz_role()
        WHEN 'admin' THEN true
        WHEN 'system' THEN true
        WHEN 'hq' THEN owner = vz_user() OR escalated = 1
        WHEN 'lead' THEN owner = vz_user() OR string_to_array(nullif(teams, ''), ',') && vz_teams()
        WHEN 'technician' THEN owner = vz_user()
        ELSE false END, false) $$;
"""

_DOCS = """
CREATE TABLE docs (
    id BIGSERIAL PRIMARY KEY,
    record BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    t DOUBLE PRECISION NOT NULL,
    body TEXT NOT NULL,
    owner TEXT NOT NULL,                  -- copied from the record, so the policy needs no join
    teams TEXT NOT NULL,
    escalated SMALLINT NOT NULL
);
CREATE INDEX docs_record ON docs(record);
-- The search index: our tokens (sessions/archive/tokens.py), never PostgreSQL's parser. Its own table,
-- because row-level security keeps PostgreSQL from using an index for a condition that is not
-- LEAKPROOF (tsvector @@ tsquery is not) before the policy has run: the policy itself carries the match
-- (vz_query(), set per search), so the GIN index serves it, and a row shows only to a transaction
-- whose query it matches and whose member may see its document.
CREATE TABLE doc_terms (
    id BIGINT PRIMARY KEY REFERENCES docs(id) ON DELETE CASCADE,
    record BIGINT NOT NULL,
    owner TEXT NOT NULL,                  -- the record's (they never change): visibility without a join
    teams TEXT NOT NULL,
    terms TSVECTOR NOT NULL
);
CREATE INDEX doc_terms_gin ON doc_terms USING gin (terms);
CREATE FUNCTION vz_query() RETURNS tsquery LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('valuezone.query', true), '')::tsquery $$;
"""

_CHILDREN = ("findings", "tags", "campaign_members")

_POLICIES = (
    """
-- A row of a record's child table shows when its record does (records' own policy, one index lookup).
CREATE FUNCTION vz_record_seen(record bigint) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT EXISTS (SELECT 1 FROM records r WHERE r.id = record) $$;
ALTER TABLE records ENABLE ROW LEVEL SECURITY;
ALTER TABLE records FORCE ROW LEVEL SECURITY;
CREATE POLICY records_read ON records FOR SELECT USING (vz_sees(owner, teams, escalated));
CREATE POLICY records_add ON records FOR INSERT WITH CHECK (owner = vz_user() OR vz_role() = 'system');
CREATE POLICY records_change ON records FOR UPDATE USING (vz_sees(owner, teams, escalated))
    WITH CHECK (vz_sees(owner, teams, escalated));
CREATE POLICY records_purge ON records FOR DELETE USING (vz_role() = 'system');
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs FORCE ROW LEVEL SECURITY;
CREATE POLICY docs_read ON docs FOR SELECT USING (vz_sees(owner, teams, escalated));
CREATE POLICY docs_add ON docs FOR INSERT WITH CHECK (vz_record_seen(docs.record));
CREATE POLICY docs_change ON docs FOR UPDATE USING (vz_record_seen(docs.record));
CREATE POLICY docs_drop ON docs FOR DELETE
    USING (vz_role() = 'system' OR (kind <> 'terminal' AND vz_record_seen(docs.record)));
ALTER TABLE doc_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE doc_terms FORCE ROW LEVEL SECURITY;
CREATE FUNCTION vz_escalated(record bigint) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT EXISTS (SELECT 1 FROM records r WHERE r.id = record AND r.escalated = 1) $$;
CREATE FUNCTION vz_sees_doc(owner text, teams text, record bigint) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(CASE vz_role()
        WHEN 'admin' THEN true
        WHEN 'system' THEN true
        WHEN 'hq' THEN owner = vz_user() OR vz_escalated(record)
        WHEN 'lead' THEN owner = vz_user() OR string_to_array(nullif(teams, ''), ',') && vz_teams()
        WHEN 'technician' THEN owner = vz_user()
        ELSE false END, false) $$;
CREATE POLICY doc_terms_search ON doc_terms FOR SELECT
    USING (terms @@ vz_query() AND vz_sees_doc(owner, teams, record));
CREATE POLICY doc_terms_add ON doc_terms FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM docs d WHERE d.id = doc_terms.id));
-- Anchors are written by the relay's own ingest only; the sealed terminal.cast is never changed.
ALTER TABLE anchors ENABLE ROW LEVEL SECURITY;
ALTER TABLE anchors FORCE ROW LEVEL SECURITY;
CREATE POLICY anchors_read ON anchors FOR SELECT USING (vz_record_seen(anchors.record));
CREATE POLICY anchors_write ON anchors USING (vz_role() = 'system') WITH CHECK (vz_role() = 'system');
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
CREATE POLICY files_read ON files FOR SELECT USING (vz_record_seen(files.record));
CREATE POLICY files_add ON files FOR INSERT WITH CHECK (vz_record_seen(files.record));
CREATE POLICY files_change ON files FOR UPDATE
    USING (vz_role() = 'system' OR (name <> 'terminal.cast' AND vz_record_seen(files.record)));
CREATE POLICY files_drop ON files FOR DELETE
    USING (vz_role() = 'system' OR (name <> 'terminal.cast' AND vz_record_seen(files.record)));
"""
    + "".join(
        f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY {table}_by_record ON {table} USING (vz_record_seen({table}.record));
"""
        for table in _CHILDREN
    )
    + """
ALTER TABLE purged ENABLE ROW LEVEL SECURITY;
ALTER TABLE purged FORCE ROW LEVEL SECURITY;
CREATE POLICY purged_system ON purged USING (vz_role() = 'system') WITH CHECK (vz_role() = 'system');
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_write ON audit FOR INSERT WITH CHECK (actor = vz_user() OR vz_role() = 'system');
CREATE POLICY audit_read ON audit FOR SELECT USING (vz_role() IN ('admin', 'system'));
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
CREATE POLICY campaigns_read ON campaigns FOR SELECT USING (vz_role() IN ('admin', 'system')
    OR created_by = vz_user()
    OR (vz_role() = 'lead' AND string_to_array(nullif(teams, ''), ',') && vz_teams()));
CREATE POLICY campaigns_add ON campaigns FOR INSERT
    WITH CHECK (created_by = vz_user() AND vz_role() IN ('lead', 'admin'));
CREATE POLICY campaigns_purge ON campaigns FOR DELETE USING (vz_role() = 'system');
ALTER TABLE team_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY team_settings_read ON team_settings FOR SELECT USING (true);
CREATE POLICY team_settings_write ON team_settings USING (vz_role() IN ('admin', 'system'))
    WITH CHECK (vz_role() IN ('admin', 'system'));
"""
)

_TABLES = TABLES_V1.format(id="BIGSERIAL PRIMARY KEY", blob="BYTEA", real="DOUBLE PRECISION")

_HQ = (
    HQ_V2
    + """
ALTER TABLE hq_bundles ADD COLUMN terms TSVECTOR NOT NULL DEFAULT ''::tsvector;
CREATE INDEX hq_bundles_terms ON hq_bundles USING gin (terms);
ALTER TABLE hq_bundles ENABLE ROW LEVEL SECURITY;
ALTER TABLE hq_bundles FORCE ROW LEVEL SECURITY;
CREATE POLICY hq_bundles_read ON hq_bundles FOR SELECT USING (vz_role() IN ('hq', 'admin', 'system'));
CREATE POLICY hq_bundles_write ON hq_bundles USING (vz_role() = 'system') WITH CHECK (vz_role() = 'system');
"""
)

#: migrations[n] takes the schema from version n to n + 1.
MIGRATIONS: list[str] = [
    _IDENTITY + _TABLES + _DOCS + _POLICIES,
    _HQ,
    cluster_schema.POSTGRESQL,  # 3: relays as one (sessions/cluster/)
    cluster_schema.POSTGRESQL_HISTORY,  # 4: their one history of closed codes
]

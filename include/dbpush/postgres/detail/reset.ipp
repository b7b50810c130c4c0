// dbpush: definitions for <dbpush/postgres/reset.hpp>.
#pragma once

#include <dbpush/postgres/reset.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <pqxx/result>

#include <string>
#include <vector>

namespace db::postgres::detail {

// The survey names tables and sequences by regclass constants, which the
// server resolves while it parses: each part of the query reads one catalog
// through its index on the relation's oid, and planning stays cheap (joins of
// catalogs cost more to plan here than the survey costs to run).

// ARRAY['"s"."a"', …]::regclass[]: `relations` of the managed schema.
DBPUSH_INLINE std::string regclass_array(const std::vector<std::string>& relations, const sql_names& names) {
  std::string out;
  for (const auto& r : relations) out += (out.empty() ? "" : ", ") + names.literal(names.qualified(r));
  return "ARRAY[" + out + "]::regclass[]";
}

// m.a: the oids of `tables`, parsed once for every part that names them.
DBPUSH_INLINE std::string managed_oids(const std::vector<std::string>& tables, const sql_names& names) {
  return "WITH m AS (SELECT " + regclass_array(tables, names) + "::oid[] AS a) ";
}

// Rows of (kind, position of the managed table in m.a from 1, the dependent
// table's oid, its foreign key, 0, 0): foreign keys of other tables to the
// managed ones, then tables that inherit from them.
inline constexpr const char* dependents_select =
    "SELECT 'foreign key'::text, array_position((SELECT a FROM m), k.confrelid), k.conrelid, k.conname::text, "
    "0::bigint, 0::bigint FROM pg_constraint k WHERE k.contype = 'f' AND k.confrelid = ANY ((SELECT a FROM m)::oid[]) "
    "AND NOT k.conrelid = ANY ((SELECT a FROM m)::oid[]) "
    "UNION ALL SELECT 'inherits', array_position((SELECT a FROM m), i.inhparent), i.inhrelid, '', 0, 0 "
    "FROM pg_inherits i WHERE i.inhparent = ANY ((SELECT a FROM m)::oid[]) "
    "AND NOT i.inhrelid = ANY ((SELECT a FROM m)::oid[])";

// Views, materialized views and rules of other relations that use the managed
// tables, as (kind 'view', position, the relation of the rule, ''): they do not
// stop emptying a table, only dropping it.
inline constexpr const char* views_select =
    "SELECT DISTINCT 'view', array_position((SELECT a FROM m), d.refobjid), r.ev_class, '', 0, 0 "
    "FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid WHERE d.classid = 'pg_rewrite'::regclass "
    "AND d.refclassid = 'pg_class'::regclass AND d.refobjid = ANY ((SELECT a FROM m)::oid[]) "
    "AND NOT r.ev_class = ANY ((SELECT a FROM m)::oid[])";

// A row of dependents_select or views_select.
struct dependent_row {
  std::size_t table = 0;  // in the managed tables
  pqxx::oid dependent = 0;
  dependency how = dependency::foreign_key;
  std::string constraint;  // the foreign key's name
};

// The row into `out` when it is one of dependents_select's or views_select's.
DBPUSH_INLINE bool read_dependent(const pqxx::row& row, const std::string& kind, std::vector<dependent_row>& out) {
  dependency how{};
  if (kind == "foreign key")
    how = dependency::foreign_key;
  else if (kind == "inherits")
    how = dependency::inherits;
  else if (kind == "view")
    how = dependency::uses;
  else
    return false;
  out.push_back({row[1].as<std::size_t>() - 1, row[2].as<pqxx::oid>(), how, row[3].as<std::string>()});
  return true;
}

// The dependents of `rows` (of `tables`), named, into `out`, but partitions;
// whether there was a partition. Asked only when some table depends on a
// managed one. The server names the dependent of each row, in the rows' order.
DBPUSH_INLINE bool name_dependents(pqxx::transaction_base& tx, const std::vector<dependent_row>& rows,
                                   const std::vector<std::string>& tables, std::vector<unmanaged_dependent>& out) {
  std::string oids;
  for (const auto& r : rows) oids += (oids.empty() ? "" : ",") + std::to_string(r.dependent);
  // One row per oid, in the rows' order (a dependent dropped meanwhile comes unnamed).
  const auto named = tx.exec("SELECT coalesce(n.nspname, ''), coalesce(c.relname, ''), CASE c.relkind "
                             "WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END, "
                             "coalesce(c.relispartition, false) "
                             "FROM unnest('{" + oids + "}'::oid[]) WITH ORDINALITY AS u (oid, position) "
                             "LEFT JOIN pg_class c ON c.oid = u.oid LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "ORDER BY u.position");
  bool partitions = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const auto d = named[static_cast<pqxx::result::size_type>(i)];
    if (r.how == dependency::inherits && d[3].as<bool>())
      partitions = true;
    else
      out.push_back({tables.at(r.table), d[0].as<std::string>(), d[1].as<std::string>(), d[2].as<std::string>(),
                     r.how, r.constraint});
  }
  return partitions;
}

DBPUSH_INLINE std::vector<unmanaged_dependent> unmanaged_dependents(pqxx::transaction_base& tx,
                                                                    const std::vector<std::string>& tables,
                                                                    const sql_names& names) {
  std::vector<unmanaged_dependent> out;
  if (tables.empty()) return out;
  std::vector<dependent_row> rows;
  for (const auto& row : tx.exec(managed_oids(tables, names) + dependents_select + " UNION ALL " + views_select +
                                 " ORDER BY 1, 2, 3, 4"))
    read_dependent(row, row[0].as<std::string>(), rows);
  if (!rows.empty()) name_dependents(tx, rows, tables, out);
  return out;
}

DBPUSH_INLINE void refuse_unmanaged_dependents(const std::vector<unmanaged_dependent>& dependents,
                                               const sql_names& names) {
  std::string message = "dbpush: the reset cannot empty or drop the tables of schema \"" + names.schema() +
                        "\" that tables dbpush does not manage depend on; nothing was changed:";
  for (const auto& d : dependents) {
    const bool here = d.schema == names.schema();
    const auto where = d.how == dependency::uses ? (here ? "" : " (another schema)")
                                                 : (here ? " (in ignore_tables)" : " (another schema)");
    const std::string relation = d.how == dependency::foreign_key ? "referenced by"
                                 : d.how == dependency::inherits  ? "inherited by"
                                                                  : "used by " + d.kind;
    message += "\n  - `" + d.table + "` is " + relation + " `" + (here ? d.dependent : d.schema + "." + d.dependent) +
               "`" + where + (d.how == dependency::foreign_key ? ": foreign key `" + d.constraint + "`" : "");
  }
  throw integrity_error(message +
                        "\nDrop those foreign keys, inheritances or views (or the tables that hold them), or let the "
                        "models manage those tables, then reset again.");
}

DBPUSH_INLINE emptying_survey survey_for_emptying(pqxx::transaction_base& tx, const schema& target,
                                                  const std::vector<catalog_facts::owned_sequence>& sequences,
                                                  const sql_names& names) {
  emptying_survey out;
  const auto n = target.tables.size();
  out.tables.assign(n, {});
  if (n == 0) return out;
  std::vector<std::string> tables;
  tables.reserve(n);
  for (const auto& t : target.tables) tables.push_back(t.name);
  // pg_relation_size reads a file's length, never its pages. tgtype bit 8:
  // the trigger fires on DELETE; ev_type '4': a rule ON DELETE.
  std::string sql =
      managed_oids(tables, names) + dependents_select +
      " UNION ALL SELECT 'table', o::integer, 0, '', pg_relation_size(t), pg_relation_size(t) + "
      "coalesce(pg_relation_size(nullif((SELECT c.reltoastrelid FROM pg_class c WHERE c.oid = t), 0)), 0) "
      "FROM unnest((SELECT a FROM m)) WITH ORDINALITY AS u (t, o) "
      "UNION ALL SELECT 'fires on delete', array_position((SELECT a FROM m), g.tgrelid), 0, '', 0, 0 "
      "FROM pg_trigger g WHERE g.tgrelid = ANY ((SELECT a FROM m)::oid[]) AND NOT g.tgisinternal "
      "AND g.tgtype & 8 <> 0 "
      "UNION ALL SELECT 'fires on delete', array_position((SELECT a FROM m), w.ev_class), 0, '', 0, 0 "
      "FROM pg_rewrite w WHERE w.ev_class = ANY ((SELECT a FROM m)::oid[]) AND w.ev_type = '4'";
  std::vector<std::string> sequence_names;
  for (const auto& q : sequences) sequence_names.push_back(q.name);
  if (!sequences.empty())
    sql += " UNION ALL SELECT 'sequence', o::integer, 0, '', (SELECT q.seqstart FROM pg_sequence q WHERE q.seqrelid = s), "
           "has_sequence_privilege(s, 'UPDATE')::integer FROM unnest(" + regclass_array(sequence_names, names) +
           ") WITH ORDINALITY AS u (s, o) WHERE pg_sequence_last_value(s) IS NOT NULL";
  sql += " ORDER BY 1, 2, 3, 4";
  std::vector<std::optional<std::int64_t>> start(sequences.size());  // of each used sequence
  std::vector<dependent_row> dependents;
  for (const auto& row : tx.exec(sql)) {
    const auto kind = row[0].as<std::string>();
    if (read_dependent(row, kind, dependents)) continue;
    const auto at = row[1].as<std::size_t>() - 1;
    if (kind == "sequence") {
      start.at(at) = row[4].as<std::int64_t>();
      out.may_set_sequences = out.may_set_sequences && row[5].as<int>() != 0;
    } else if (kind == "fires on delete") {
      out.tables.at(at).fires_on_delete = true;
    } else {
      out.tables.at(at).bytes = row[4].as<std::int64_t>();
      out.tables.at(at).large = row[5].as<std::int64_t>() > many_bytes;
    }
  }
  if (!dependents.empty()) out.has_partitions = name_dependents(tx, dependents, tables, out.dependents);
  for (std::size_t i = 0; i < sequences.size(); ++i)
    if (start[i]) out.used_sequences.push_back({sequences[i].name, sequences[i].table, *start[i]});
  return out;
}

DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(const schema& target,
                                                                        const emptying_survey& survey,
                                                                        const sql_names& names,
                                                                        const std::string& lock_timeout) {
  if (survey.has_partitions) return std::nullopt;
  const auto& tables = target.tables;
  // Deleting children first needs no cycle, nor a table referencing itself
  // (an ON DELETE RESTRICT reference is checked row by row).
  bool deletable = db::detail::parents_first(tables);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (const auto& fk : tables[i].foreign_keys) deletable = deletable && fk.referenced_table != tables[i].name;
    const auto& state = survey.tables[i];
    deletable = deletable && !state.large && !(state.bytes > 0 && state.fires_on_delete);
  }
  std::string sql;
  auto add = [&sql](const std::string& statement) { sql += (sql.empty() ? "" : "; ") + statement; };
  if (deletable) {
    // The target is normalised: parents before their children.
    for (std::size_t i = tables.size(); i-- > 0;)
      if (survey.tables[i].bytes > 0) add("DELETE FROM " + names.qualified(tables[i].name));
    if (!survey.may_set_sequences)
      for (const auto& sequence : survey.used_sequences)
        add("ALTER SEQUENCE " + names.qualified(sequence.name) + " RESTART");
  } else {
    // The tables to empty, then every table referencing one of them: TRUNCATE
    // refuses to empty a table that a table it does not empty references.
    db::detail::name_set emptied;
    for (const auto& sequence : survey.used_sequences) emptied.insert(sequence.table);
    for (std::size_t i = 0; i < tables.size(); ++i)
      if (survey.tables[i].bytes > 0) emptied.insert(tables[i].name);
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& t : tables)
        for (const auto& fk : t.foreign_keys)
          if (emptied.contains(fk.referenced_table) && emptied.insert(t.name)) grew = true;
    }
    std::string list;
    for (const auto& t : tables)
      if (emptied.contains(t.name)) list += (list.empty() ? "" : ", ") + names.qualified(t.name);
    if (!list.empty()) add("TRUNCATE " + list + " RESTART IDENTITY");
  }
  std::vector<statement> out;
  // One statement text: a single round trip to the server.
  if (!sql.empty()) out.push_back({std::move(sql), statement_kind::change, {}});
  if (deletable && survey.may_set_sequences && !survey.used_sequences.empty()) {
    // Outside any transaction (setval is not transactional), one round trip;
    // the target list runs in order, so the lock timeout bounds the setvals.
    std::string restarts = lock_timeout;
    for (const auto& sequence : survey.used_sequences)
      restarts += (restarts.empty() ? "" : ", ") + std::string("setval(") +
                  names.literal(names.qualified(sequence.name)) + ", " + std::to_string(sequence.start) +
                  ", false)";
    out.push_back({"SELECT " + restarts, statement_kind::change, {}, {},
                   statement_phase::after_commit_outside_transaction});
  }
  return out;
}

}  // namespace db::postgres::detail

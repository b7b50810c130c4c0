// dbpush: definitions for <dbpush/postgres/reset.hpp>.
#pragma once

#include <dbpush/postgres/reset.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <pqxx/result>

#include <string>
#include <vector>

namespace db::postgres::detail {

// The survey's and the dependents' query: rows of (kind, table, schema, name,
// constraint, bytes, fires on DELETE). `managed`: `tables` of the managed
// schema, by oid.
DBPUSH_INLINE std::string managed_tables_cte(const std::vector<std::string>& tables, const sql_names& names) {
  return "WITH managed AS (SELECT c.oid, c.relname, c.reltoastrelid FROM pg_class c "
         "WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = " + names.literal(names.schema()) +
         ") AND c.relname IN (" + names.literals(tables) + ") AND c.relkind IN ('r', 'p')) ";
}

// Foreign keys of unmanaged tables to managed ones, then unmanaged tables that
// inherit from managed ones ('inherits', or 'partition').
inline constexpr const char* dependents_select =
    "SELECT 'foreign key'::text, m.relname::text, n.nspname::text, r.relname::text, k.conname::text, 0::bigint, "
    "false FROM pg_constraint k JOIN managed m ON m.oid = k.confrelid JOIN pg_class r ON r.oid = k.conrelid "
    "JOIN pg_namespace n ON n.oid = r.relnamespace "
    "WHERE k.contype = 'f' AND k.conrelid NOT IN (SELECT oid FROM managed) "
    "UNION ALL SELECT CASE WHEN r.relispartition THEN 'partition' ELSE 'inherits' END, m.relname, n.nspname, "
    "r.relname, '', 0, false FROM pg_inherits i JOIN managed m ON m.oid = i.inhparent "
    "JOIN pg_class r ON r.oid = i.inhrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
    "WHERE i.inhrelid NOT IN (SELECT oid FROM managed)";

// A row of dependents_select into `out`; false when the row is of another kind.
DBPUSH_INLINE bool read_dependent(const pqxx::row& row, const std::string& kind,
                                  std::vector<unmanaged_dependent>& out) {
  if (kind != "foreign key" && kind != "inherits") return false;
  out.push_back({row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>(),
                 row[4].as<std::string>()});
  return true;
}

DBPUSH_INLINE std::vector<unmanaged_dependent> unmanaged_dependents(pqxx::transaction_base& tx,
                                                                    const std::vector<std::string>& tables,
                                                                    const sql_names& names) {
  std::vector<unmanaged_dependent> out;
  if (tables.empty()) return out;
  for (const auto& row : tx.exec(managed_tables_cte(tables, names) + dependents_select + " ORDER BY 2, 3, 4, 5"))
    read_dependent(row, row[0].as<std::string>(), out);
  return out;
}

DBPUSH_INLINE void refuse_unmanaged_dependents(const std::vector<unmanaged_dependent>& dependents,
                                               const sql_names& names) {
  std::string message = "dbpush: the reset cannot empty or drop the tables of schema \"" + names.schema() +
                        "\" that tables dbpush does not manage depend on; nothing was changed:";
  for (const auto& d : dependents) {
    const bool ignored = d.schema == names.schema();
    message += "\n  - `" + d.table + "` is " + (d.constraint.empty() ? "inherited" : "referenced") + " by `" +
               (ignored ? d.dependent : d.schema + "." + d.dependent) + "` (" +
               (ignored ? "in ignore_tables" : "another schema") + ")" +
               (d.constraint.empty() ? "" : ": foreign key `" + d.constraint + "`");
  }
  throw integrity_error(message +
                        "\nDrop those foreign keys or inheritances (or the tables that hold them), or let the models "
                        "manage those tables, then reset again.");
}

DBPUSH_INLINE emptying_survey survey_for_emptying(pqxx::transaction_base& tx, const schema& target,
                                                  const sql_names& names) {
  emptying_survey out;
  const auto n = target.tables.size();
  out.bytes.assign(n, 0);
  out.fires_on_delete.assign(n, false);
  if (n == 0) return out;
  std::vector<std::string> tables;
  tables.reserve(n);
  for (const auto& t : target.tables) tables.push_back(t.name);
  // pg_relation_size reads the file's length, never its pages. tgtype bit 8:
  // the trigger fires on DELETE; ev_type '4': a rule ON DELETE.
  const std::string sql =
      managed_tables_cte(tables, names) + dependents_select +
      " UNION ALL SELECT 'table', m.relname, '', '', '', pg_relation_size(m.oid) + "
      "CASE WHEN m.reltoastrelid = 0 THEN 0 ELSE pg_relation_size(m.reltoastrelid) END, "
      "EXISTS (SELECT FROM pg_trigger g WHERE g.tgrelid = m.oid AND NOT g.tgisinternal AND g.tgtype & 8 <> 0) "
      "OR EXISTS (SELECT FROM pg_rewrite w WHERE w.ev_class = m.oid AND w.ev_type = '4') FROM managed m "
      "UNION ALL SELECT 'sequence', m.relname, '', s.relname, '', 0, false FROM pg_depend d "
      "JOIN managed m ON m.oid = d.refobjid JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
      "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
      // CASE: the planner may call the function before it checks relkind.
      "AND CASE WHEN s.relkind = 'S' THEN pg_sequence_last_value(s.oid) IS NOT NULL END "
      "ORDER BY 2, 3, 4, 5";
  db::detail::name_index position;
  position.reserve(n);
  for (std::size_t i = 0; i < n; ++i) position.insert(tables[i], i);
  for (const auto& row : tx.exec(sql)) {
    const auto kind = row[0].as<std::string>();
    if (read_dependent(row, kind, out.dependents)) continue;
    if (kind == "partition") {
      out.has_partitions = true;
      continue;
    }
    const auto table = position.find(row[1].as<std::string>());
    if (table == db::detail::name_index::npos) continue;
    if (kind == "sequence") {
      out.used_sequences.push_back(row[3].as<std::string>());
      out.their_tables.push_back(tables[table]);
    } else {
      out.bytes[table] = row[5].as<std::int64_t>();
      out.fires_on_delete[table] = row[6].as<bool>();
    }
  }
  return out;
}

DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(const schema& target,
                                                                        const emptying_survey& survey,
                                                                        const sql_names& names) {
  if (survey.has_partitions) return std::nullopt;
  const auto& tables = target.tables;
  // Deleting children first needs no cycle, nor a table referencing itself
  // (an ON DELETE RESTRICT reference is checked row by row).
  bool deletable = db::detail::parents_first(tables);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (const auto& fk : tables[i].foreign_keys) deletable = deletable && fk.referenced_table != tables[i].name;
    deletable = deletable && survey.bytes[i] <= many_bytes && !(survey.bytes[i] > 0 && survey.fires_on_delete[i]);
  }
  std::string sql;
  auto add = [&sql](const std::string& statement) { sql += (sql.empty() ? "" : "; ") + statement; };
  if (deletable) {
    // The target is normalised: parents before their children.
    for (std::size_t i = tables.size(); i-- > 0;)
      if (survey.bytes[i] > 0) add("DELETE FROM " + names.qualified(tables[i].name));
    for (const auto& sequence : survey.used_sequences) add("ALTER SEQUENCE " + names.qualified(sequence) + " RESTART");
  } else {
    // The tables to empty, then every table referencing one of them: TRUNCATE
    // refuses to empty a table that a table it does not empty references.
    db::detail::name_set emptied(survey.their_tables);
    for (std::size_t i = 0; i < tables.size(); ++i)
      if (survey.bytes[i] > 0) emptied.insert(tables[i].name);
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
  if (sql.empty()) return std::vector<statement>{};
  // One statement text: a single round trip to the server.
  return std::vector<statement>{{std::move(sql), statement_kind::change, {}}};
}

}  // namespace db::postgres::detail

// dbpush: definitions for <dbpush/postgres/reset.hpp>.
#pragma once

#include <dbpush/postgres/reset.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <string>
#include <vector>

namespace db::postgres::detail {

DBPUSH_INLINE emptying_survey survey_for_emptying(pqxx::transaction_base& tx, const schema& target,
                                                  const sql_names& names) {
  emptying_survey out;
  const auto n = target.tables.size();
  out.rows.assign(n, 0);
  out.has_trigger.assign(n, false);
  if (n == 0) return out;
  std::vector<std::string> tables;
  tables.reserve(n);
  for (const auto& t : target.tables) tables.push_back(t.name);
  // One row per finding: (kind, table, sequence, rows).
  std::string sql =
      "WITH managed AS (SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = " + names.literal(names.schema()) + " AND c.relname IN (" + names.literals(tables) + ")) "
      "(SELECT 'unmanaged', '', '', 0::bigint FROM pg_constraint k WHERE k.contype = 'f' "
      "AND k.confrelid IN (SELECT oid FROM managed) AND k.conrelid NOT IN (SELECT oid FROM managed) "
      "UNION ALL SELECT 'unmanaged', '', '', 0 FROM pg_inherits i WHERE i.inhparent IN (SELECT oid FROM managed) "
      "AND i.inhrelid NOT IN (SELECT oid FROM managed) LIMIT 1) "
      "UNION ALL SELECT 'trigger', m.relname, '', 0 FROM pg_trigger g JOIN managed m ON m.oid = g.tgrelid "
      "WHERE NOT g.tgisinternal "
      "UNION ALL SELECT 'sequence', m.relname, s.relname, 0 FROM pg_depend d JOIN managed m ON m.oid = d.refobjid "
      "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' WHERE d.classid = 'pg_class'::regclass "
      "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
      // CASE: the planner may call the function before it checks relkind.
      "AND CASE WHEN s.relkind = 'S' THEN pg_sequence_last_value(s.oid) IS NOT NULL END";
  for (std::size_t i = 0; i < n; ++i)
    sql += " UNION ALL SELECT 'rows', " + names.literal(tables[i]) + ", '', (SELECT count(*) FROM (SELECT FROM ONLY " +
           names.qualified(tables[i]) + " LIMIT " + std::to_string(many_rows + 1) + ") r)";
  db::detail::name_index position;
  position.reserve(n);
  for (std::size_t i = 0; i < n; ++i) position.insert(tables[i], i);
  for (const auto& row : tx.exec(sql)) {
    const auto kind = row[0].as<std::string>();
    const auto table = position.find(row[1].as<std::string>());
    if (kind == "unmanaged") {
      out.reaches_unmanaged = true;
    } else if (table == db::detail::name_index::npos) {
      continue;
    } else if (kind == "trigger") {
      out.has_trigger[table] = true;
    } else if (kind == "sequence") {
      out.used_sequences.push_back(row[2].as<std::string>());
      out.their_tables.push_back(tables[table]);
    } else {
      out.rows[table] = row[3].as<std::int64_t>();
    }
  }
  return out;
}

DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(const schema& target,
                                                                        const emptying_survey& survey,
                                                                        const sql_names& names) {
  if (survey.reaches_unmanaged) return std::nullopt;
  const auto& tables = target.tables;
  // Deleting children first needs no cycle, nor a table referencing itself
  // (an ON DELETE RESTRICT reference is checked row by row).
  bool deletable = db::detail::parents_first(tables);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (const auto& fk : tables[i].foreign_keys) deletable = deletable && fk.referenced_table != tables[i].name;
    deletable = deletable && survey.rows[i] <= many_rows && !(survey.rows[i] > 0 && survey.has_trigger[i]);
  }
  std::string sql;
  auto add = [&sql](const std::string& statement) { sql += (sql.empty() ? "" : "; ") + statement; };
  if (deletable) {
    // The target is normalised: parents before their children.
    for (std::size_t i = tables.size(); i-- > 0;)
      if (survey.rows[i] > 0) add("DELETE FROM " + names.qualified(tables[i].name));
    for (const auto& sequence : survey.used_sequences) add("ALTER SEQUENCE " + names.qualified(sequence) + " RESTART");
  } else {
    // The tables to empty, then every table referencing one of them: TRUNCATE
    // refuses to empty a table that a table it does not empty references.
    db::detail::name_set emptied(survey.their_tables);
    for (std::size_t i = 0; i < tables.size(); ++i)
      if (survey.rows[i] > 0) emptied.insert(tables[i].name);
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

// dbpush: definitions for <dbpush/postgres/reset.hpp>.
#pragma once

#include <dbpush/postgres/reset.hpp>

#include <string>
#include <vector>

namespace db::postgres::detail {

DBPUSH_INLINE std::optional<std::vector<statement>> emptying_statements(pqxx::transaction_base& tx,
                                                                        const schema& target,
                                                                        const sql_names& names) {
  if (target.tables.empty()) return std::vector<statement>{};
  std::vector<std::string> tables;
  tables.reserve(target.tables.size());
  for (const auto& t : target.tables) tables.push_back(t.name);
  const auto dependents = tx.exec(
      "WITH managed AS (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = " + names.literal(names.schema()) + " AND c.relname IN (" + names.literals(tables) + ")) "
      "SELECT 1 FROM pg_constraint k WHERE k.contype = 'f' AND k.confrelid IN (SELECT oid FROM managed) "
      "AND k.conrelid NOT IN (SELECT oid FROM managed) "
      "UNION ALL SELECT 1 FROM pg_inherits i WHERE i.inhparent IN (SELECT oid FROM managed) "
      "AND i.inhrelid NOT IN (SELECT oid FROM managed) LIMIT 1");
  if (!dependents.empty()) return std::nullopt;
  std::string list;
  for (const auto& t : tables) list += (list.empty() ? "" : ", ") + names.qualified(t);
  return std::vector<statement>{{"TRUNCATE " + list + " RESTART IDENTITY", statement_kind::change, {}}};
}

}  // namespace db::postgres::detail

// dbpush: definitions for <dbpush/postgres/detail/hazards.hpp>.
#pragma once

#include <dbpush/postgres/detail/hazards.hpp>

#include <pqxx/result>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>
#include <utility>

namespace db::postgres::detail {

DBPUSH_INLINE statement_hazard hazard_of(table_lock lock, table_work work) {
  statement_hazard h;
  h.lock = lock;
  h.work = work;
  return h;
}

DBPUSH_INLINE bool calls_volatile_function(const std::string& expression) {
  // Stable or immutable functions and the SQL constructs written like calls;
  // type names with modifiers ('x'::character varying(10)) are no calls either.
  static constexpr std::string_view not_volatile[] = {
      "now", "transaction_timestamp", "statement_timestamp", "timezone", "current_setting", "lower", "upper",
      "btrim", "ltrim", "rtrim", "length", "concat", "abs", "round", "trunc", "date_trunc", "make_date",
      "make_interval", "to_char", "to_jsonb", "to_json", "jsonb_build_object", "jsonb_build_array",
      "json_build_object", "json_build_array", "array_fill", "coalesce", "nullif", "greatest", "least", "cast",
      "extract", "row", "varying", "numeric", "decimal", "character", "char", "varchar", "bit", "time",
      "timestamp", "interval", "precision"};
  std::string word;
  char quote = 0;
  for (const char c : expression) {
    if (quote) {
      if (c != quote) continue;
      quote = 0;
      if (c == '"') word = "\"";  // a quoted name: "My Function"() is a call
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      word.clear();
      continue;
    }
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_') {
      word += static_cast<char>(std::tolower(u));
      continue;
    }
    if (c == '(' && !word.empty() && !std::isdigit(static_cast<unsigned char>(word[0])) &&
        std::find(std::begin(not_volatile), std::end(not_volatile), word) == std::end(not_volatile))
      return true;
    word.clear();
  }
  return false;
}

DBPUSH_INLINE std::vector<statement> with_table_sizes(pqxx::transaction_base& tx, const sql_names& names,
                                                      const diff_result& diff, std::vector<statement> statements) {
  // The name each statement's table has in the catalog before the push.
  auto live_name = [&diff](const std::string& table) -> const std::string& {
    for (const auto& s : diff.steps)
      if (s.kind == step_kind::rename_table && s.table == table) return s.old_name;
    return table;
  };
  auto needs_size = [](const statement& st) {
    return !st.table.empty() && (st.hazard.lock != table_lock::none || st.hazard.work != table_work::none);
  };
  std::vector<std::string> tables;
  for (const auto& st : statements)
    if (needs_size(st) && std::find(tables.begin(), tables.end(), live_name(st.table)) == tables.end())
      tables.push_back(live_name(st.table));
  if (tables.empty()) return statements;
  // reltuples is -1 until the table is first vacuumed or analyzed.
  const auto rows = tx.exec_params(
      "SELECT c.relname, c.reltuples::float8, pg_total_relation_size(c.oid) FROM pg_class c "
      "WHERE c.relkind IN ('r', 'p') AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) "
      "AND c.relname IN (" + names.literals(tables) + ")",
      names.schema());
  for (auto& st : statements) {
    if (!needs_size(st)) continue;
    const auto& name = live_name(st.table);
    for (const auto& r : rows) {
      if (r[0].as<std::string>() != name) continue;
      const double estimate = r[1].as<double>();
      if (estimate >= 0) st.hazard.rows = static_cast<std::int64_t>(std::llround(estimate));
      st.hazard.bytes = r[2].as<std::int64_t>();
    }
  }
  return statements;
}

}  // namespace db::postgres::detail

// dbpush: definitions for <dbpush/diff_sql.hpp>.
#pragma once

#include <dbpush/diff_sql.hpp>
#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/render.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/types.hpp>

#include <string>
#include <utility>
#include <vector>

namespace db {
namespace detail {

// What a PostgreSQL push made of `from` would have named: "{table}_pkey" and
// "{table}_{column}_seq", the names the renderer changes when it renames.
DBPUSH_INLINE postgres::detail::catalog_facts catalog_pushed_from(const schema& from) {
  postgres::detail::catalog_facts live;
  live.namespace_exists = true;
  for (const auto& t : from.tables) {
    if (!t.primary_key.empty()) live.primary_key_names.push_back({t.name, generated_identifier(t.name, "pkey")});
    for (const auto& c : t.columns)
      if (c.autoincrement) live.sequences.push_back({t.name, c.name, postgres::detail::sequence_name(t.name, c.name), false});
  }
  return live;
}

DBPUSH_INLINE schema canonical_schema(schema s, dialect d) {
  if (d == dialect::sqlite) sqlite::detail::canonicalise(s);
  else postgres::detail::canonicalise(s);
  normalise(s);
  return s;
}

}  // namespace detail

DBPUSH_INLINE sql_diff diff_sql(const schema& from, const schema& to, dialect d, const diff_sql_options& options) {
  schema live = detail::canonical_schema(from, d), target = detail::canonical_schema(to, d);
  const bool sqlite = d == dialect::sqlite;
  const identifier_case names = sqlite ? sqlite::detail::identifier_rule : identifier_case::sensitive;
  detail::validate_target(target, {}, names);
  if (!sqlite) postgres::detail::refuse_long_names(target);
  const check_rules& rules = sqlite ? sqlite::detail::rules() : postgres::detail::rules();

  sql_diff out;
  diff_result steps = detail::diff_normalised(std::move(live), std::move(target), diff_options{{}, names});
  for (auto& f : assess_without_data(steps, rules)) {
    auto& list = f.kind == finding_kind::warning ? out.warnings
                 : f.kind == finding_kind::fill  ? out.fills
                                                 : out.unexecutable;
    list.push_back(std::move(f));
  }
  if (sqlite) {
    // A push switches foreign keys off around its transaction (a redefinition
    // drops tables others reference); the script says so itself, as the
    // first and last statements, where a migration tool runs them outside its
    // transaction. Creating tables on an empty database needs neither.
    const bool alters = !steps.steps.empty() && !steps.from.tables.empty();
    if (alters) out.sql = {"PRAGMA defer_foreign_keys = ON", "PRAGMA foreign_keys = OFF"};
    for (auto& statement : sqlite::detail::render(steps)) out.sql.push_back(std::move(statement.sql));
    if (alters) out.sql.insert(out.sql.end(), {"PRAGMA foreign_keys = ON", "PRAGMA defer_foreign_keys = OFF"});
  } else {
    for (auto& statement : postgres::detail::render(steps, detail::catalog_pushed_from(steps.from),
                                                    postgres::detail::sql_names(options.postgres_schema)))
      out.sql.push_back(std::move(statement.sql));
  }
  out.steps = std::move(steps.steps);
  return out;
}

DBPUSH_INLINE std::string sql_diff::script() const {
  std::string out;
  for (const auto& statement : sql) out += statement + ";\n";
  return out;
}

DBPUSH_INLINE std::string sql_diff::to_string() const {
  if (empty()) return "-- The schemas are already in sync: no changes.\n";
  std::string out = "-- Changes:\n";
  for (const auto& s : steps) out += "--   " + s.describe() + "\n";
  auto section = [&out](const char* heading, const std::vector<finding>& findings) {
    if (findings.empty()) return;
    out += std::string("-- ") + heading + "\n";
    for (const auto& f : findings) out += "--   " + f.message + "\n";
  };
  section("Data loss a push warns about when the tables hold rows (accept_data_loss):", warnings);
  section("Steps a push refuses on such data:", unexecutable);
  section("NULL values a push fills with defaults:", fills);
  return out + "\n" + script();
}

}  // namespace db

// dbpush: definitions for <dbpush/diff_sql.hpp>.
#pragma once

#include <dbpush/diff_sql.hpp>
#include <dbpush/postgres/canonical.hpp>
#include <dbpush/postgres/cast_rules.hpp>
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
DBPUSH_INLINE postgres::live_catalog catalog_pushed_from(schema from) {
  postgres::live_catalog live;
  live.namespace_exists = true;
  for (const auto& t : from.tables) {
    if (!t.primary_key.empty()) live.primary_key_names.emplace_back(t.name, generated_identifier(t.name, "pkey"));
    for (const auto& c : t.columns)
      if (c.autoincrement) live.sequences.push_back({t.name, c.name, postgres::sequence_name(t.name, c.name), false});
  }
  live.contents = std::move(from);
  return live;
}

DBPUSH_INLINE schema canonical_schema(schema s, dialect d) {
  if (d == dialect::sqlite) sqlite::canonicalise(s);
  else postgres::canonicalise(s);
  normalise(s);
  return s;
}

}  // namespace detail

DBPUSH_INLINE sql_diff diff_sql(const schema& from, const schema& to, dialect d, const diff_sql_options& options) {
  schema live = detail::canonical_schema(from, d), target = detail::canonical_schema(to, d);
  const bool sqlite = d == dialect::sqlite;
  const identifier_case names = sqlite ? sqlite::identifier_rule : identifier_case::sensitive;
  detail::validate_target(target, {}, names);
  if (!sqlite) postgres::refuse_long_names(target);
  const check_rules& rules = sqlite ? sqlite::rules() : postgres::rules();

  sql_diff out;
  diff_result steps = diff(std::move(live), std::move(target), diff_options{{}, names});
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
    for (auto& statement : sqlite::render(steps)) out.sql.push_back(std::move(statement));
    if (alters) out.sql.insert(out.sql.end(), {"PRAGMA foreign_keys = ON", "PRAGMA defer_foreign_keys = OFF"});
  } else {
    out.sql = postgres::render(steps, detail::catalog_pushed_from(steps.from), postgres::sql_names(options.postgres_schema));
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

// dbpush: the SQL that turns one schema into another, without a database, as
// `prisma migrate diff --script` does for Prisma users.
//
//   db::sql_diff d = db::diff_sql(db::schema_of<v1::User>(db::dialect::sqlite),
//                                 db::schema_of<v2::User>(db::dialect::sqlite), db::dialect::sqlite);
//   std::ofstream("migrations/002.sql") << d.script();
//   for (const db::finding& w : d.warnings) std::cerr << w.message << '\n';
//
// The script is what a push renders when the live database holds `from` as a
// push made it. No data is read, so findings carry no counts: `warnings` are
// what a push raises when the tables hold rows, `unexecutable` what it refuses
// when the data is as the message says. Needs both dialects' headers
// (CMake: link dbpush::tools).
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/schema/schema.hpp>

#include <string>
#include <vector>

namespace db {

struct diff_sql_options {
  // PostgreSQL: the schema (namespace) that qualifies every name. Empty (the
  // default): names unqualified, so the script runs in the session's schema.
  std::string postgres_schema{};
};

struct sql_diff {
  std::vector<step> steps;             // in execution order
  std::vector<std::string> sql;        // the statements, without a final `;`
  std::vector<finding> warnings;       // data loss when tables hold rows (a push needs accept_data_loss)
  std::vector<finding> unexecutable;   // a push refuses these steps on the data the message names
  std::vector<finding> fills;          // NULLs a push sets to a column's default

  bool empty() const { return steps.empty(); }
  // The statements, each followed by ";\n": a migration file. Empty when in sync.
  std::string script() const;
  // Steps and findings as SQL comments, then the statements.
  std::string to_string() const;
};

// Both schemas are brought to `d`'s canonical spellings and normalised first;
// an invalid `to` throws db::error naming every problem.
DBPUSH_INLINE sql_diff diff_sql(const schema& from, const schema& to, dialect d, const diff_sql_options& options = {});

namespace detail {
// `s` in `d`'s canonical spellings, normalised: as a push compares it.
DBPUSH_INLINE schema canonical_schema(schema s, dialect d);
}  // namespace detail

}  // namespace db

#ifdef DBPUSH_DEFINE_TOOLS
#include <dbpush/diff/detail/diff_sql.ipp>
#endif

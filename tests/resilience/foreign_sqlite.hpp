// A SQLite database another tool made (hostile input, docs/reliability.md):
// tables a model can describe, and around them a view, a trigger, a generated
// column, a CHECK, an expression index, WITHOUT ROWID and STRICT tables and an
// FTS5 virtual table, with rows.
#pragma once

#include "resilience/scenarios.hpp"
#include "sqlite/fixture.hpp"

#include <optional>
#include <string>

namespace resilience {

void make_foreign_database(SQLite::Database& db);
// What introspection reads from it: the columns and keys a model can state
// (users, audit, invoices, scores, kv, measurements).
db::schema foreign_modelled();

// The objects no model states still work: the view lists the named users, the
// trigger writes to audit, the generated column computes, the CHECK refuses,
// the FTS table finds its rows, integrity_check is ok; with
// `expression_index`, users_email_lower is there.
void check_foreign_objects_work(SQLite::Database& db, bool expression_index = true);

// The error of a push (accept_data_loss) that must be refused, with the
// database left as it was; FAIL_CHECK and nullopt when it went through.
std::optional<std::string> refused_push(sqlite_test::temp_db& t, const db::schema& target);

}  // namespace resilience

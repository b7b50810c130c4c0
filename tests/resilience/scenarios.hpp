// The schemas the resilience harnesses push, version 1 and its edit, version
// 2, with the SQL that fills version 1 with rows. Test and helper programs
// build them from the same code, so both sides push the same thing.
//
// SQLite "ledger": accounts, entries (-> accounts), legacy; a view and a
// trigger beside them that no model mentions. Version 2 redefines accounts
// (a nullable column made required, NULLs filled) and entries (a type change,
// a renamed column, another index), adds a column in place, creates tags and
// drops legacy (which holds rows: pushed with accept_data_loss).
//
// PostgreSQL "ledger": `tables` tables t00, t01, ... each referencing the one
// before, an enum, and old_log. Version 2 alters every table (integer widened,
// NULLs filled and NOT NULL, numeric retyped and renamed, a column added,
// an index replaced), adds an enum value, creates audit and drops old_log.
#pragma once

#include <dbpush/schema/schema.hpp>

#include <string>
#include <vector>

namespace resilience {

// Ids the writer processes insert: writer w's i-th row has id
// writer_ids + w * writer_id_stride + i, beyond every seeded id.
inline constexpr long long writer_ids = 10'000'000;
inline constexpr long long writer_id_stride = 1'000'000;

db::schema sqlite_ledger(int version);
// Version 1's rows: `accounts` accounts, twice as many entries, 100 legacy
// rows; then the view and the trigger.
std::vector<std::string> sqlite_ledger_seed(long long accounts);

db::schema postgres_ledger(int version, int tables);
std::string postgres_table_name(int i);  // "t00", "t01", ...
// Version 1's rows, `rows` per table, in schema `pg_schema` (pushed already).
std::vector<std::string> postgres_ledger_seed(const std::string& pg_schema, int tables, long long rows);

// The table of `s` named `name`, to edit; throws when there is none.
db::table& table_named(db::schema& s, const std::string& name);

}  // namespace resilience

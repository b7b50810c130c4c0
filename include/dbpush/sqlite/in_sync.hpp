// dbpush: the no-op fast path of a SQLite push. SQLite keeps the text of every
// CREATE TABLE / CREATE INDEX in sqlite_schema, and its whole schema follows from
// those texts; when they are exactly the statements dbpush renders for the
// target, the database provably matches it and the pragmas need not run.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace db::sqlite::detail {

// True when the tables and explicit indexes of main (but sqlite_* internals and
// `ignore_tables` with their indexes) are exactly those of `target` (canonical,
// normalised), each stored with the text create_table_sql / create_index_sql
// render for it. Views and triggers are not compared (dbpush does not manage
// them). Any other difference answers false, including equivalent texts spelled
// differently (e.g. after ALTER TABLE ADD COLUMN).
DBPUSH_INLINE bool stored_schema_text_matches(SQLite::Database& db, const schema& target,
                                              const std::vector<std::string>& ignore_tables);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/in_sync.ipp>
#endif

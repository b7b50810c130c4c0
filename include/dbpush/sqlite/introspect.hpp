// dbpush: reads a live SQLite schema into a db::schema. SQLite derives its whole
// schema from the CREATE texts in sqlite_schema; introspection reads those
// texts, each parsed once, as SQLite's parser reads them: columns, primary
// keys, the indexes UNIQUE and PRIMARY KEY constraints make, indexes and
// foreign keys. It asks the pragmas only for what its readers do not follow
// (generated columns, WITHOUT ROWID, expressions in index keys, ...).
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>
#include <dbpush/sqlite/detail/create_texts.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace db::sqlite::detail {

// Tables of the main schema except sqlite_* internals, virtual and shadow
// tables, and `ignore_tables`. Types and defaults come back canonical. One
// statement, plus one when a table's text holds what the column reader does
// not follow, plus one when an index has keys the text readers cannot read,
// plus one when a foreign key clause cannot be read; never one per table.
DBPUSH_INLINE schema introspect(SQLite::Database& db, const std::vector<std::string>& ignore_tables);

// What introspect reads, and what it asked SQLite's pragmas for because the
// texts' readers could not say.
struct introspection {
  schema read;
  std::vector<std::string> tables_read_by_pragma;   // columns from pragma_table_xinfo
  std::vector<std::string> indexes_read_by_pragma;  // from pragma_index_list and pragma_index_info
};

DBPUSH_INLINE introspection read_introspection(SQLite::Database& db, const std::vector<std::string>& ignore_tables);

// Names of the tables introspect() would read (dbpush manages exactly these).
DBPUSH_INLINE std::vector<std::string> managed_tables(SQLite::Database& db,
                                                      const std::vector<std::string>& ignore_tables);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/introspect.ipp>
#endif

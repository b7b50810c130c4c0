// Fuzz target: SQLite CREATE TABLE / CREATE INDEX texts as sqlite_schema.sql
// holds them (any text: a database dbpush did not create may hold anything
// SQLite accepted). The tokenizer and every reader of those texts must end
// without a crash, and the tokens must cover the text in order. When the
// reader follows a text SQLite accepts as CREATE TABLE, the columns and
// constraint indexes it reads from the stored text are those SQLite reports.
#include "fuzz.hpp"
#include "parsers.hpp"
#include "../sqlite/layout_reference.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace parse = fuzz::sqlite_parse;

namespace {

// Lets a statement do only what CREATE TABLE does (create the table and its
// constraint indexes, write sqlite_schema): nothing the input asks may attach a
// file or run a query.
int only_create_table(void*, int action, const char*, const char*, const char*, const char*) {
  switch (action) {
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_READ: return SQLITE_OK;
    default: return SQLITE_DENY;
  }
}

// Runs `sql` in an empty in-memory database when it is a CREATE TABLE, and
// compares what the reader reads from each stored text with SQLite's pragmas.
void compare_with_sqlite(std::string_view sql) {
  SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE);
  sqlite3_set_authorizer(conn.getHandle(), only_create_table, nullptr);
  try {
    SQLite::Statement(conn, std::string(sql)).exec();
  } catch (const SQLite::Exception&) {
    return;  // not a statement SQLite accepts, or not a CREATE TABLE
  }
  sqlite3_set_authorizer(conn.getHandle(), nullptr, nullptr);
  SQLite::Statement tables(conn, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'");
  while (tables.executeStep()) {
    const std::string table = tables.getColumn(0).getString();
    const std::string stored = tables.getColumn(1).getString();
    const auto read = parse::parse_create_table(stored);
    if (!read.layout) continue;
    const auto columns = layout_reference::reported_columns(conn, table);
    fuzz::require(read.layout->columns.size() == columns.size(), "the text has the columns SQLite reports", stored);
    for (std::size_t n = 0; n < columns.size(); ++n) {
      const auto& c = read.layout->columns[n];
      fuzz::require(c.name == columns[n].name, "a column's name is SQLite's", stored);
      fuzz::require(layout_reference::same_type(c.type, columns[n].type), "a column's type is SQLite's", stored);
      fuzz::require(c.not_null == columns[n].not_null, "a column's NOT NULL is SQLite's", stored);
      fuzz::require(c.default_sql == columns[n].default_sql, "a column's default is SQLite's", stored);
      fuzz::require(c.primary_key_position == columns[n].primary_key_position, "a key position is SQLite's", stored);
    }
    const auto indexes = layout_reference::reported_constraint_indexes(conn, table);
    fuzz::require(indexes.has_value(), "SQLite names constraint indexes sqlite_autoindex_<table>_<n>", stored);
    fuzz::require(indexes->size() == read.layout->constraint_indexes.size(), "the text makes SQLite's constraint indexes",
                  stored);
    for (std::size_t n = 0; n < indexes->size(); ++n) {
      const auto& index = read.layout->constraint_indexes[n];
      fuzz::require(index.primary_key == (*indexes)[n].primary_key, "a constraint index's origin is SQLite's", stored);
      fuzz::require(index.columns == (*indexes)[n].columns, "a constraint index's keys are SQLite's", stored);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto sql = fuzz::text_of(data, size);
  const auto tokens = parse::tokenize(sql);
  std::size_t previous_end = 0;
  for (const auto& t : tokens) {
    fuzz::require(previous_end <= t.begin && t.begin < t.end && t.end <= sql.size(),
                  "tokens are non-empty, in order and inside the text", t.text);
    // Unquoted tokens are their own text; quoted ones lose their quotes.
    using kind = db::sqlite::detail::sql_token::kind;
    if (t.type == kind::word || t.type == kind::number || t.type == kind::symbol || t.type == kind::blob)
      fuzz::require(t.text == sql.substr(t.begin, t.end - t.begin), "an unquoted token is its text", t.text);
    previous_end = t.end;
  }

  const auto table = parse::parse_create_table(sql);
  for (const auto& fk : table.foreign_keys)
    fuzz::require(!fk.columns.empty(), "a foreign key read from the text has columns", fk.referenced_table);
  if (const auto index = parse::parse_create_index(sql))
    fuzz::require(!index->columns.empty(), "an index read from the text has keys");

  if (const auto where = parse::partial_index_predicate(sql))
    fuzz::require(sql.find(*where) != std::string_view::npos, "a predicate is a part of the text", *where);
  parse::unreproducible_parts(sql);
  // Only texts the reader follows: any other it leaves to the pragmas.
  if (table.layout) compare_with_sqlite(sql);
  return 0;
}

// Fuzz target: SQLite CREATE TABLE / CREATE INDEX texts as sqlite_schema.sql
// holds them (any text: a database dbpush did not create may hold anything
// SQLite accepted). The tokenizer and every reader of those texts must end
// without a crash, and the tokens must cover the text in order.
#include "fuzz.hpp"
#include "parsers.hpp"

namespace parse = fuzz::sqlite_parse;

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
  return 0;
}

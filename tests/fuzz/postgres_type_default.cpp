// Fuzz target: PostgreSQL types as format_type prints them and expressions as
// pg_get_expr prints them (column defaults, index predicates). Input: a type, a
// newline, another type (the cast's target), a newline, the expression.
#include "fuzz.hpp"
#include "parsers.hpp"

namespace parse = fuzz::postgres_parse;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto f = fuzz::fields(fuzz::text_of(data, size), 3);
  const auto from = parse::canonical_type(f[0]);
  const auto to = parse::canonical_type(f[1]);
  fuzz::require(parse::canonical_type(from) == from, "canonical_type is idempotent", from);
  parse::is_serial_alias(f[0]);

  const auto fallback = parse::canonical_default(f[2], from);
  fuzz::require(parse::canonical_default(fallback, from) == fallback, "canonical_default is idempotent", fallback);
  const auto predicate = parse::canonical_predicate(f[2]);
  fuzz::require(parse::canonical_predicate(predicate) == predicate, "canonical_predicate is idempotent", predicate);

  parse::classify_cast(from, to);
  parse::integer_range(from);
  parse::converts_through_text(from, false, to, false);

  // A target with that column and a partial index on it: canonicalising twice
  // changes nothing more than once.
  db::schema target;
  db::table t{"t", {db::column{"c", f[0], true, f[2]}}, {}, {}, {}, {}};
  t.indexes.push_back(db::index{"i", {"c"}, false, f[2]});
  target.tables.push_back(std::move(t));
  parse::canonicalise(target);
  auto again = target;
  parse::canonicalise(again);
  fuzz::require(again == target, "canonicalise is idempotent", f[0] + " / " + f[2]);
  return 0;
}

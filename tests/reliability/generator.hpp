// Random cases: a schema v1 of the dialect, rows that satisfy it, and v2, a
// random edit of v1, with the lineage that says which v2 object continues
// which v1 object. Everything follows from the seed.
#pragma once

#include "reliability/evolve.hpp"

#include <optional>
#include <string>
#include <vector>

namespace evolve {

evolve_case generate_case(std::uint64_t seed, const generator_options& options);

// Drops what the schema's own parts no longer allow (indexes, keys and foreign
// keys over missing columns or tables, autoincrement off the sole integer key,
// enum columns of missing enums...), as an edit or a shrink may leave it.
void repair(db::schema& s, const generator_options& options);

// Why `s` is not a schema the generator would make for the dialect (empty: it
// is one). `for_rows`: also what the row filler needs of v1.
std::vector<std::string> schema_problems(const db::schema& s, const generator_options& options, bool for_rows);
// Why the pair steps into a class of known bugs the options avoid (empty: none).
std::vector<std::string> avoided_problems(const evolve_case& c, const generator_options& options);
// Where the lineage says something dbpush's documented pairing (by name, then
// by renamed_from hint) would not do: a tester mistake, never a case.
std::vector<std::string> lineage_problems(const evolve_case& c);
// Why `rows` do not satisfy `s` (NOT NULL, enum labels, keys, unique indexes, foreign keys).
std::vector<std::string> row_problems(const db::schema& s, const dataset& rows, db::dialect d);
// Removes rows until `rows` satisfy `s` (children of a removed row go too).
void keep_valid_rows(const db::schema& s, dataset& rows, db::dialect d);

// A partial-index predicate of the forms the generator writes.
struct predicate {
  enum class form { not_null, is_null, positive, non_empty };
  std::string column;
  form test = form::not_null;
};
std::optional<predicate> parse_predicate(const std::string& where);
// Whether the row's value of the predicate's column passes it.
bool holds(const predicate& p, const value& v, db::dialect d);
// Whether two non-NULL values are equal as a key (SQLite: numbers by value).
bool same_key(const value& a, const value& b, db::dialect d);

// The enum labels of column `c` in `s` (empty when it is no enum column).
std::vector<std::string> labels_of(const db::schema& s, const db::column& c);

}  // namespace evolve

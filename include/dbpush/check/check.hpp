// dbpush: the destructive-change checker.
//
// It decides from the live data. In two phases, so it stays ordinary code that
// can be tested without a database:
//   1. probes_for(diff) lists the questions to ask the live data (row counts,
//      non-NULL counts, duplicates, orphans, enum values in use, failed casts);
//   2. a dialect answers them with SQL (db::probe::count);
//   3. assess(diff, probes, rules) turns the answers into warnings (need
//      accept_data_loss), unexecutable findings (need force_reset) and fills
//      (NULLs the push sets to a default, reported with their count).
// Nothing is reported where the data shows a step is safe.
//
// Keys are judged on the values the push leaves, not on the live ones: a probe
// about a key describes each key column's value after the push (db::column_value:
// the live column cast to its new type, its NULLs filled by the default, or the
// default of a column the push adds), and every unique index, primary key and
// foreign key that exists after the push is probed when its values change, new
// or kept. A conflict the probes miss would fail half-way through the apply.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db {

enum class probe_kind {
  row_count,           // SELECT count(*) FROM table
  non_null_count,      // count of rows where column IS NOT NULL
  null_count,          // count of rows where column IS NULL
  duplicate_count,     // rows whose `key` values (all non-NULL) occur more than once
  null_key_count,      // rows where any of `key` is NULL (new primary key)
  orphan_count,        // rows whose `key` values (all non-NULL) match no row of referenced_table's
                       // `referenced_key` values; every such row when referenced_table is empty
  enum_value_count,    // rows whose `columns[0]` holds one of `values`
  cast_failure_count,  // non-NULL values of `columns[0]` that would not cast to `target_type`
  // 1 when the sequence that fills autoincrement `columns[0]` stands outside the
  // range of `target_type` (it could not take that type), else 0. Dialects whose
  // sequences have no type answer 0.
  sequence_out_of_range,
  // 1 when a column the push makes autoincrement holds, once converted (`key`:
  // its one value after the push), the largest value of its type (`key[0].to_type`):
  // the new sequence, which continues after the largest value, has none left.
  // Dialects whose sequences have no type answer 0.
  autoincrement_at_maximum,
};

// What one column of a live table holds once the push has run, said in terms
// of the live row. Dialects render it the way their renderer converts data
// (SQLite: the table copy's value; PostgreSQL: the USING conversion, then the
// UPDATE that fills NULLs).
struct column_value {
  std::string column;             // the live column read; empty: the push adds the column
  std::string from_type;          // the live column's type (dialect's native spelling)
  std::string to_type;            // its type after the push (PostgreSQL: an enum's name)
  bool from_enum = false;         // the live column holds an enum
  bool to_enum = false;           // the column holds an enum after the push
  // The default the push writes: into the NULLs of a live column that becomes
  // required, into every row of a column it adds. None: values stay as they are
  // (NULL in an added column).
  std::optional<std::string> fill;

  // The live value is converted to another type (enum changes included).
  bool converts() const { return !column.empty() && (from_type != to_type || from_enum != to_enum); }

  friend bool operator==(const column_value& a, const column_value& b) = default;
};

// One question about the live data. Tables and columns are named as in the live
// database (the `from` schema), before any step runs.
struct probe {
  probe_kind kind{};
  std::string table;
  std::vector<std::string> columns;         // the live column the single-column kinds ask about
  std::vector<column_value> key;            // duplicate_count, null_key_count, orphan_count, autoincrement_at_maximum
  std::string referenced_table;             // orphan_count: the live parent; empty when the push creates it
  std::vector<column_value> referenced_key; // orphan_count: the parent's key, in `key`'s order
  std::vector<std::string> values;          // enum_value_count
  std::string target_type;                  // cast_failure_count, sequence_out_of_range (dialect's native type)
  std::string source_type;                  // cast_failure_count
  std::int64_t count = -1;                  // the answer; -1 until answered

  friend bool operator==(const probe& a, const probe& b) = default;
};

// How a dialect classifies a change of a column's native type.
enum class cast_class {
  safe,          // every value survives unchanged (widening, varchar(n) -> text, ...)
  risky,         // values may be altered or truncated: warn with the non-NULL count
  not_castable,  // no implicit cast: ask the data (cast_failure_count) and refuse when
                 // some values fail, warn when all would cast
};

// Dialect knowledge the checker needs, as data and small functions.
struct check_rules {
  cast_class (*classify_cast)(const std::string& from_type, const std::string& to_type) = nullptr;
};

enum class finding_kind {
  warning,       // data may be lost: needs accept_data_loss
  unexecutable,  // the data forbids the step: needs force_reset
  fill,          // NULLs the push sets to a default: reported, needs nothing
};

struct finding {
  finding_kind kind{};
  std::size_t step_index = 0;  // index into diff_result::steps
  std::string table;
  std::string column;          // empty when the finding is about a whole table or index
  std::int64_t count = 0;      // rows / values concerned
  std::string message;         // e.g. "You are about to drop the column `bio` on the
                               // `users` table, which still contains 3 non-null values."

  friend bool operator==(const finding& a, const finding& b) = default;
};

DBPUSH_INLINE std::vector<probe> probes_for(const diff_result& diff, const check_rules& rules);

namespace detail {

// The one rule of every dialect for a column that becomes required: when the
// target declares a default, the push sets the live NULLs to it (in its own
// transaction, before NOT NULL applies); without one, NULLs make the step
// unexecutable. Returns that default, or nullptr when nothing is filled.
DBPUSH_INLINE const std::string* filled_default(const column& live, const column& target);

// The SQL of the key probes (duplicate_count, null_key_count, orphan_count),
// the same in both dialects once each has rendered the names and the values:
// `values` are the key's values after the push over a row of `table`; for
// orphan_count, `parent` is the parent table (empty: it has no rows) and
// `parent_values` its key's values over its row, which the SQL names `r`.
struct key_probe_sql_parts {
  std::string table;
  std::vector<std::string> values;
  std::string parent;
  std::vector<std::string> parent_values;
};
DBPUSH_INLINE std::string key_probe_sql(probe_kind kind, const key_probe_sql_parts& parts);
}  // namespace detail

// `answered` is the output of probes_for with every count filled in.
DBPUSH_INLINE std::vector<finding> assess(const diff_result& diff,
                                          const std::vector<probe>& answered,
                                          const check_rules& rules);

// Without data: every finding the checks of `diff` raise when the data trips
// them, worded with "if" instead of counts (count 0). Drops, risky casts and
// required columns added without a default trip on any table that holds rows;
// the rest (duplicates, orphans, NULLs, enum values in use, failed casts) on
// particular values. What db::diff_sql reports.
DBPUSH_INLINE std::vector<finding> assess_without_data(const diff_result& diff, const check_rules& rules);

}  // namespace db

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/check/detail/check.ipp>
#endif

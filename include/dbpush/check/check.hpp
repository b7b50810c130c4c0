// dbpush: the destructive-change checker.
//
// It decides from the live data. In two phases, so it stays ordinary code that
// can be tested without a database:
//   1. probes_for(diff) lists the questions to ask the live data (row counts,
//      non-NULL counts, duplicates, orphans, enum values in use, failed casts);
//   2. a dialect answers them with SQL (db::probe::count);
//   3. assess(diff, probes, rules) turns the answers into warnings (need
//      accept_data_loss) and unexecutable findings (need force_reset).
// Nothing is reported where the data shows a step is safe.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace db {

enum class probe_kind {
  row_count,           // SELECT count(*) FROM table
  non_null_count,      // count of rows where column IS NOT NULL
  null_count,          // count of rows where column IS NULL
  duplicate_count,     // rows whose `columns` values (all non-NULL) occur more than once
  null_key_count,      // rows where any of `columns` IS NULL (new primary key)
  orphan_count,        // rows whose non-NULL `columns` match no row of referenced_table(referenced_columns)
  enum_value_count,    // rows whose `columns[0]` holds one of `values`
  cast_failure_count,  // non-NULL values of `columns[0]` that would not cast to `target_type`
  // 1 when the sequence that fills autoincrement `columns[0]` stands outside the
  // range of `target_type` (it could not take that type), else 0. Dialects whose
  // sequences have no type answer 0.
  sequence_out_of_range,
};

// One question about the live data. Tables and columns are named as in the live
// database (the `from` schema), before any step runs.
struct probe {
  probe_kind kind{};
  std::string table;
  std::vector<std::string> columns;
  std::string referenced_table;               // orphan_count
  std::vector<std::string> referenced_columns;  // orphan_count
  std::vector<std::string> values;            // enum_value_count
  std::string target_type;                    // cast_failure_count, sequence_out_of_range (dialect's native type)
  std::string source_type;                    // cast_failure_count
  std::int64_t count = -1;                    // the answer; -1 until answered

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
  // SQLite's table copy fills NULLs with the new default when a column becomes
  // NOT NULL; PostgreSQL's SET NOT NULL does not.
  bool not_null_with_default_fills_nulls = false;
};

enum class finding_kind { warning, unexecutable };

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

// `answered` is the output of probes_for with every count filled in.
DBPUSH_INLINE std::vector<finding> assess(const diff_result& diff,
                                          const std::vector<probe>& answered,
                                          const check_rules& rules);

}  // namespace db

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/check/detail/check.ipp>
#endif

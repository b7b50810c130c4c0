// Shared by the checker's dry tests: answer probes with given counts, assess, and
// read back what was found.
#pragma once

#include "steps.hpp"

#include <dbpush/check/check.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace core_test {

// PostgreSQL-like rules: int widening safe, narrowing risky, text -> int not castable.
inline db::cast_class test_casts(const std::string& from, const std::string& to) {
  if (from == "INTEGER" && to == "BIGINT") return db::cast_class::safe;
  if (from == "BIGINT" && to == "INTEGER") return db::cast_class::risky;
  return db::cast_class::not_castable;
}

inline db::check_rules test_rules() {
  db::check_rules r;
  r.classify_cast = &test_casts;
  return r;
}

// A key column's value after the push: "a" (the live column as it is),
// "a:TEXT>INTEGER" (cast), "a|'x'" (NULLs filled), "='x'" (an added column's
// default for every row), "NULL" (an added column without one).
inline std::string brief(const db::column_value& v) {
  std::string out = v.column.empty() ? (v.fill ? "=" + *v.fill : "NULL") : v.column;
  if (v.converts()) out += ":" + v.from_type + ">" + v.to_type;
  if (!v.column.empty() && v.fill) out += "|" + *v.fill;
  return out;
}

inline std::string brief(const std::vector<db::column_value>& key) {
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) out += (i ? "," : "") + brief(key[i]);
  return out;
}

// "kind table(columns)" per probe, for comparing whole probe lists; a key
// probe shows its key's values after the push, an orphan probe its parent's
// ("-> P(id)", or "-> no rows" when the push creates the parent).
inline names brief(const std::vector<db::probe>& probes) {
  names out;
  for (const auto& p : probes) {
    static const char* const kinds[] = {"rows",   "non_null", "nulls",   "duplicates",
                                        "null_key", "orphans", "enum_values", "cast_failures"};
    std::string line = std::string(kinds[static_cast<int>(p.kind)]) + " " + p.table + "(";
    for (std::size_t i = 0; i < p.columns.size(); ++i) line += (i ? "," : "") + p.columns[i];
    line += brief(p.key) + ")";
    if (p.kind == db::probe_kind::orphan_count)
      line += p.referenced_table.empty() ? " -> no rows" : " -> " + p.referenced_table + "(" + brief(p.referenced_key) + ")";
    for (const auto& v : p.values) line += " =" + v;
    out.push_back(line);
  }
  return out;
}

struct checked {
  db::diff_result diff;
  std::vector<db::probe> probes;
  std::vector<db::finding> findings;

  names messages() const {
    names out;
    for (const auto& f : findings) out.push_back(f.message);
    return out;
  }
};

// Diffs, asks the probes, answers them with `counts` in order, assesses.
inline checked check_with(const db::schema& live, const db::schema& target, std::vector<std::int64_t> counts,
                          const db::check_rules& rules = test_rules()) {
  checked out;
  out.diff = db::diff(live, target);
  out.probes = db::probes_for(out.diff, rules);
  REQUIRE(out.probes.size() == counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) out.probes[i].count = counts[i];
  out.findings = db::assess(out.diff, out.probes, rules);
  return out;
}

}  // namespace core_test

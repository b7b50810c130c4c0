// The tester's independent expectation of pushing v2 over v1 and its rows:
// which findings (with counts) the push must raise, whether the database
// itself must refuse a step, and the rows every v2 table holds afterwards. It
// follows the generator's lineage (not dbpush's differ), computes on the rows
// read back with the tester's own queries, and asks the dialect's engine only
// for casts and defaults. The rules are the documented ones (docs/errors.md,
// docs/sqlite.md, docs/postgres.md) and, where issue 10 states the rule dbpush
// must follow (9: checks on the values after the push; 6: NOT NULL with a
// default fills NULLs on both dialects), that rule.
#pragma once

#include "reliability/evolve.hpp"
#include "reliability/store.hpp"

#include <dbpush/check/check.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace evolve {

struct expected_finding {
  db::finding_kind kind{};
  std::string rule;                 // what the tester expects it for, e.g. "drop column"
  std::set<std::string> tables;     // a finding may name the table as it is live or as v2 names it
  std::set<std::string> columns;    // empty: the finding names no column
  std::int64_t count = 0;

  std::string to_string() const;
};

struct expectation {
  std::vector<expected_finding> findings;
  // A step the database itself refuses after the checks (a partial unique
  // index over duplicates: docs/errors.md, not probed); empty: none.
  std::string database_refuses;
  // Every v2 table's rows after an applied push, on `known` columns (the
  // others take values the tester cannot predict: identities, CURRENT_TIMESTAMP).
  dataset after;
  std::map<std::string, std::set<std::string>> known;  // v2 table -> columns compared

  bool refused() const;  // unexecutable findings
  std::vector<expected_finding> of_kind(db::finding_kind k) const;
};

expectation expect(const evolve_case& c, const dataset& live, backend& engine);

// Pairs actual findings with expected ones (same kind and count, a table and
// column the expected one allows) and describes every one left over.
struct findings_difference {
  std::string text;   // one line per finding left over; empty: they match
  std::string shape;  // the kinds and rules left over, without names or counts: one bug, one shape
  bool empty() const { return text.empty(); }
};
findings_difference compare_findings(const std::vector<expected_finding>& expected,
                                     const std::vector<db::finding>& actual);

}  // namespace evolve

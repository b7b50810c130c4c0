// Compact views of the core's results, to compare whole plans in one CHECK.
#pragma once

#include "support/schema_builders.hpp"

#include <dbpush/diff/diff.hpp>
#include <dbpush/schema/schema.hpp>

#include <string>
#include <vector>

namespace core_test {

using namespace schema_builders;

inline names table_names(const db::schema& s) {
  names out;
  for (const auto& t : s.tables) out.push_back(t.name);
  return out;
}


// "kind table object [old_name]" per step: compact enough to compare whole plans.
inline names brief(const db::diff_result& d) {
  names out;
  for (const auto& s : d.steps) {
    std::string line = db::to_string(s.kind);
    for (const auto* part : {&s.table, &s.object})
      if (!part->empty()) line += " " + *part;
    if (!s.old_name.empty()) line += " <- " + s.old_name;
    out.push_back(line);
  }
  return out;
}

}  // namespace core_test

#include "resilience/state.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace resilience {

std::uint64_t rows_checksum(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  std::uint64_t h = 14695981039346656037ull;
  for (const auto& row : rows)
    for (unsigned char c : row + "\n") {
      h ^= c;
      h *= 1099511628211ull;
    }
  return h;
}

std::string table_line(std::string_view table, const std::vector<std::string>& rows) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(rows_checksum(rows)));
  return std::string(table) + ": " + std::to_string(rows.size()) + " rows, checksum " + hex;
}

std::string state_difference(const std::string& a, const std::string& b) {
  auto lines = [](const std::string& text) {
    std::multiset<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.insert(line);
    return out;
  };
  const auto la = lines(a), lb = lines(b);
  std::string out;
  for (const auto& l : la)
    if (!lb.contains(l)) out += "- " + l + "\n";
  for (const auto& l : lb)
    if (!la.contains(l)) out += "+ " + l + "\n";
  return out;
}

}  // namespace resilience

// The whole state of a database as a few comparable lines: its schema (every
// definition, as the database stores it) and, per table, the row count and a
// checksum of every row. Two states are equal when schema and data are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace resilience {

// FNV-1a 64 of the rows sorted, each followed by a newline: a checksum of the
// rows as a multiset, whatever order the database returns them in.
std::uint64_t rows_checksum(std::vector<std::string> rows);

// "<table>: <count> rows, checksum <hex>"
std::string table_line(std::string_view table, const std::vector<std::string>& rows);

// The lines of `a` missing from `b` ("-") and of `b` missing from `a` ("+").
std::string state_difference(const std::string& a, const std::string& b);

}  // namespace resilience

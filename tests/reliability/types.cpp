#include "reliability/types.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

namespace evolve {

namespace {

using db::dialect;

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  }));
}

// Texts with quotes, backslashes, non-ASCII, blanks, and texts that read as
// numbers, booleans or dates (what a cast out of text meets).
const std::vector<std::string>& sample_texts() {
  static const std::vector<std::string> texts = {
      "", "a", "B", "it's", "back\\slash", "na\xC3\xAFve", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "a b",
      "say \"hi\"", "NULL", "12", " 12", "1.5", "true", "2024-01-01", "-7", "line\nbreak", std::string(300, 'x')};
  return texts;
}

std::vector<value> texts_up_to(std::size_t length) {
  std::vector<value> out;
  for (const auto& t : sample_texts())
    if (length == 0 || code_points(t) <= length) out.push_back(value::of_text(t));
  return out;
}

std::vector<value> as_texts(std::initializer_list<const char*> texts) {
  std::vector<value> out;
  for (const char* t : texts) out.push_back(value::of_text(t));
  return out;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The length in "VARCHAR(8)"; 0 when the type has none.
int declared_length(const std::string& type) {
  const auto open = type.find('(');
  if (open == std::string::npos) return 0;
  return std::stoi(type.substr(open + 1));
}

cast_kind sqlite_cast(const std::string& from, const std::string& to) {
  if (from == to) return cast_kind::same;
  const affinity a = affinity_of(from), b = affinity_of(to);
  if (a == b) {
    if (b != affinity::text) return cast_kind::safe;
    const int from_length = declared_length(from), to_length = declared_length(to);
    return to_length > 0 && (from_length == 0 || from_length > to_length) ? cast_kind::risky : cast_kind::safe;
  }
  switch (b) {
    case affinity::blob: return cast_kind::safe;
    case affinity::numeric: return a == affinity::integer || a == affinity::real ? cast_kind::safe : cast_kind::risky;
    case affinity::integer:
    case affinity::real:
      if (a == affinity::integer) return cast_kind::safe;
      return a == affinity::text ? cast_kind::not_castable : cast_kind::risky;
    case affinity::text: return a == affinity::integer ? cast_kind::safe : cast_kind::risky;
  }
  return cast_kind::risky;
}

// Precision and scale of "numeric(p,s)"; {0, 0} when unconstrained.
std::pair<int, int> numeric_modifiers(const std::string& type) {
  const auto open = type.find('(');
  if (open == std::string::npos) return {0, 0};
  const auto comma = type.find(',', open);
  return {std::stoi(type.substr(open + 1)), comma == std::string::npos ? 0 : std::stoi(type.substr(comma + 1))};
}

cast_kind postgres_cast(const type_spec& from, const type_spec& to, const std::string& from_type,
                        const std::string& to_type) {
  if (from_type == to_type) return cast_kind::same;
  if (to.kind == family::enumeration) return cast_kind::not_castable;
  if (to.kind == family::text) return from.kind == family::bytes ? cast_kind::risky : cast_kind::safe;
  if (to.kind == family::bounded_text || to.kind == family::fixed_text) {
    const bool fits = (from.kind == family::bounded_text || from.kind == family::fixed_text) && from.size <= to.size;
    return fits ? cast_kind::safe : cast_kind::risky;
  }
  switch (from.kind) {
    case family::integer:
      if (to.kind == family::integer) return to.size >= from.size ? cast_kind::safe : cast_kind::risky;
      if (to.kind == family::numeric) return numeric_modifiers(to_type).first == 0 ? cast_kind::safe : cast_kind::not_castable;
      if (to.kind == family::real)
        return from.size == 2 || (from.size == 4 && to.size == 8) ? cast_kind::safe : cast_kind::risky;
      return cast_kind::not_castable;
    case family::numeric: {
      if (to.kind == family::integer || to.kind == family::real) return cast_kind::risky;
      if (to.kind != family::numeric) return cast_kind::not_castable;
      const auto [p, s] = numeric_modifiers(from_type);
      const auto [q, t] = numeric_modifiers(to_type);
      if (q == 0) return cast_kind::safe;
      if (p == 0 || q - t < p - s) return cast_kind::not_castable;
      return t >= s ? cast_kind::safe : cast_kind::risky;
    }
    case family::real:
      if (to.kind == family::real) return to.size >= from.size ? cast_kind::safe : cast_kind::risky;
      if (to.kind == family::integer) return cast_kind::risky;
      return cast_kind::not_castable;  // floats -> numeric: not in the documented lists
    case family::timestamp:
      if (to.kind == family::timestamp) return cast_kind::safe;
      return to.kind == family::date ? cast_kind::risky : cast_kind::not_castable;
    case family::date: return to.kind == family::timestamp ? cast_kind::safe : cast_kind::not_castable;
    case family::json:
    case family::jsonb:
      return to.kind == family::json || to.kind == family::jsonb ? cast_kind::safe : cast_kind::not_castable;
    default: return cast_kind::not_castable;
  }
}

}  // namespace

const std::vector<type_spec>& types_of(dialect d) {
  static const std::vector<type_spec> sqlite = {
      {"INTEGER", family::integer, 8}, {"BIGINT", family::integer, 8}, {"INT", family::integer, 8},
      {"REAL", family::real, 8},       {"DOUBLE", family::real, 8},    {"TEXT", family::text, 0},
      {"VARCHAR(8)", family::bounded_text, 8}, {"VARCHAR(255)", family::bounded_text, 255},
      {"BLOB", family::bytes, 0},      {"BOOLEAN", family::boolean, 0}, {"DATETIME", family::timestamp, 0},
      {"DATE", family::date, 0},       {"DECIMAL(10,2)", family::numeric, 10}, {"NUMERIC", family::numeric, 0}};
  static const std::vector<type_spec> postgres = {
      {"boolean", family::boolean, 0},
      {"smallint", family::integer, 2},
      {"integer", family::integer, 4},
      {"bigint", family::integer, 8},
      {"numeric(20,0)", family::numeric, 20},
      {"numeric(10,2)", family::numeric, 10},
      {"numeric", family::numeric, 0},
      {"real", family::real, 4},
      {"double precision", family::real, 8},
      {"text", family::text, 0},
      {"character varying(8)", family::bounded_text, 8},
      {"character varying(255)", family::bounded_text, 255},
      {"character(3)", family::fixed_text, 3},
      {"bytea", family::bytes, 0},
      {"timestamp with time zone", family::timestamp, 0},
      {"timestamp without time zone", family::timestamp, 0},
      {"date", family::date, 0},
      {"uuid", family::uuid, 0},
      {"json", family::json, 0},
      {"jsonb", family::jsonb, 0}};
  return d == dialect::sqlite ? sqlite : postgres;
}

type_spec spec_of(dialect d, const db::column& c) {
  if (c.enum_type) return {c.type, family::enumeration, 0};
  for (const auto& t : types_of(d))
    if (t.spelling == c.type) return t;
  return {c.type, family::text, 0};
}

bool indexable(dialect d, const db::column& c) {
  return d == dialect::sqlite || spec_of(d, c).kind != family::json;
}

bool autoincrement_type(dialect d, const db::column& c) {
  if (c.enum_type) return false;
  return d == dialect::sqlite ? c.type == "INTEGER" : spec_of(d, c).kind == family::integer;
}

std::string autoincrement_spelling(dialect d, std::mt19937_64& rng) {
  if (d == dialect::sqlite) return "INTEGER";
  static const char* widths[] = {"smallint", "integer", "bigint"};
  return widths[rng() % 3];
}

std::vector<value> values_for(dialect d, const db::column& c, const std::vector<std::string>& labels) {
  const type_spec t = spec_of(d, c);
  if (t.kind == family::enumeration) {
    std::vector<value> out;
    for (const auto& l : labels) out.push_back(value::of_text(l));
    return out;
  }
  constexpr auto max64 = std::numeric_limits<std::int64_t>::max();
  constexpr auto min64 = std::numeric_limits<std::int64_t>::min();
  if (d == dialect::sqlite) {
    switch (t.kind) {
      case family::integer:
        return {value::of_integer(0), value::of_integer(1), value::of_integer(-1), value::of_integer(42),
                value::of_integer(max64), value::of_integer(min64), value::of_integer(1000000)};
      case family::boolean: return {value::of_integer(0), value::of_integer(1)};
      case family::real:
        return {value::of_real(0.0), value::of_real(0.5), value::of_real(-1.25), value::of_real(1e300),
                value::of_real(-2.5e-300), value::of_real(3.0), value::of_real(std::numeric_limits<double>::infinity())};
      case family::numeric:
        return {value::of_integer(3), value::of_real(1.5), value::of_integer(0), value::of_real(-0.01),
                value::of_real(99999999.99)};
      case family::bounded_text:
      case family::fixed_text: return texts_up_to(static_cast<std::size_t>(t.size));
      case family::bytes:
        return {value::of_blob(""), value::of_blob(std::string(1, '\0')), value::of_blob("\x01\x02\xff")};
      case family::timestamp: return as_texts({"2024-01-02 03:04:05", "1970-01-01 00:00:00", "2038-01-19 03:14:08"});
      case family::date: return as_texts({"2024-02-29", "1970-01-01", "9999-12-31"});
      default: return texts_up_to(0);
    }
  }
  switch (t.kind) {
    case family::boolean: return as_texts({"true", "false"});
    case family::integer:
      if (t.size == 2) return as_texts({"0", "1", "-1", "42", "32767", "-32768"});
      if (t.size == 4) return as_texts({"0", "1", "-1", "7", "2147483647", "-2147483648"});
      return as_texts({"0", "1", "-1", "123456789012", "9223372036854775807", "-9223372036854775808"});
    case family::numeric:
      if (c.type == "numeric(20,0)") return as_texts({"0", "1", "-5", "18446744073709551615", "99999999999999999999"});
      if (c.type == "numeric(10,2)") return as_texts({"0.00", "1.50", "-0.01", "99999999.99", "12.34"});
      return as_texts({"0", "1.5", "-7", "123456789012345678901234567890.123", "0.000001"});
    case family::real:
      if (t.size == 4) return as_texts({"0", "0.5", "-1.25", "3.4028235e+38", "1e-37", "Infinity", "-Infinity", "NaN"});
      return as_texts({"0", "0.1", "-2.5", "1e+300", "1.7976931348623157e+308", "-Infinity", "NaN"});
    case family::text: return texts_up_to(0);
    case family::bounded_text: return texts_up_to(static_cast<std::size_t>(t.size));
    case family::fixed_text: return as_texts({"abc", "x y", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "A'B"});
    case family::bytes: return as_texts({"\\x", "\\x00", "\\x0102ff", "\\xdeadbeef"});
    case family::timestamp:
      if (c.type == "timestamp with time zone")
        return as_texts({"2024-01-02 03:04:05+00", "1970-01-01 00:00:00+00", "infinity", "-infinity",
                         "2000-02-29 12:00:00.5+00"});
      return as_texts({"2024-01-02 03:04:05", "1999-12-31 23:59:59.999999", "infinity"});
    case family::date: return as_texts({"2024-02-29", "0001-01-01", "infinity", "1970-01-01"});
    case family::uuid:
      return as_texts({"00000000-0000-0000-0000-000000000000", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                       "ffffffff-ffff-ffff-ffff-ffffffffffff"});
    case family::json:
    case family::jsonb: return as_texts({"{}", "[1, \"x\"]", "\"it's\"", "null", "{\"a\": {\"b\": [true, 1.5]}}"});
    default: return texts_up_to(0);
  }
}

std::vector<std::string> defaults_for(dialect d, const db::column& c, const std::vector<std::string>& labels,
                                      bool stable_only) {
  const type_spec t = spec_of(d, c);
  std::vector<std::string> out;
  auto texts = [&](std::size_t length) {
    for (const char* s : {"it's fine", "", "back\\slash", "na\xC3\xAFve", "12"})
      if (length == 0 || code_points(s) <= length) out.push_back(quote_literal(s));
  };
  if (t.kind == family::enumeration) {
    for (const auto& l : labels) out.push_back(quote_literal(l));
    return out;
  }
  if (d == dialect::sqlite) {
    switch (t.kind) {
      case family::integer: return {"0", "-5", "7", "9223372036854775807"};
      case family::boolean: return {"0", "1"};
      case family::real: return {"0.25", "-1.5", "1e+100", "0"};
      case family::numeric: return {"0", "1.5", "-2"};
      case family::text: texts(0); return out;
      case family::bounded_text:
      case family::fixed_text: texts(static_cast<std::size_t>(t.size)); return out;
      case family::bytes: return {"X'00FF'"};
      case family::timestamp: return {"CURRENT_TIMESTAMP", "'2024-01-01 00:00:00'"};
      case family::date: return {"CURRENT_TIMESTAMP", "'2024-02-29'"};
      default: return {};
    }
  }
  switch (t.kind) {
    case family::boolean: return {"true", "false"};
    case family::integer: {
      out = {"0", "-5", "7"};
      out.push_back(t.size == 2 ? "32767" : t.size == 4 ? "2147483647" : "9223372036854775807");
      return out;
    }
    case family::numeric: return c.type == "numeric(20,0)" ? std::vector<std::string>{"0", "7"}
                                                             : std::vector<std::string>{"0", "1.5"};
    case family::real:
      out = {"0.25", "-1.5", "0"};
      // PostgreSQL reads 1e+100 as a numeric constant and prints all its digits (issue 10.1).
      if (t.size == 8 && !stable_only) out.push_back("1e+100");
      return out;
    case family::text: texts(0); return out;
    case family::bounded_text: texts(static_cast<std::size_t>(t.size)); return out;
    case family::fixed_text: return {"'abc'"};
    case family::bytes: return {"'\\x00ff'"};
    case family::timestamp:
      return {"CURRENT_TIMESTAMP", c.type == "timestamp with time zone" ? "'2024-01-01 00:00:00+00'"
                                                                       : "'2024-01-01 00:00:00'"};
    case family::date: return {"CURRENT_TIMESTAMP", "'2024-02-29'"};
    case family::uuid: return {"'00000000-0000-0000-0000-000000000000'"};
    case family::json:
    case family::jsonb: return {"'{}'", "'[1, 2]'", "'1'"};
    default: return {};
  }
}

bool is_volatile_default(const std::string& default_sql) {
  const auto u = upper(default_sql);
  return u.find("CURRENT_") != std::string::npos || u.find("NOW()") != std::string::npos;
}

cast_kind documented_cast(dialect d, const db::column& from, const db::column& to) {
  if (d == dialect::sqlite) return sqlite_cast(from.type, to.type);
  return postgres_cast(spec_of(d, from), spec_of(d, to), from.type, to.type);
}

bool converts_through_text(dialect d, const db::column& from, const db::column& to) {
  if (d == dialect::sqlite) return false;
  return from.enum_type || to.enum_type || documented_cast(d, from, to) == cast_kind::not_castable;
}

affinity affinity_of(const std::string& declared_type) {
  const auto t = upper(declared_type);
  if (t.find("INT") != std::string::npos) return affinity::integer;
  if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos || t.find("TEXT") != std::string::npos)
    return affinity::text;
  if (t.empty() || t.find("BLOB") != std::string::npos) return affinity::blob;
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos || t.find("DOUB") != std::string::npos)
    return affinity::real;
  return affinity::numeric;
}

const char* affinity_name(affinity a) {
  switch (a) {
    case affinity::integer: return "INTEGER";
    case affinity::text: return "TEXT";
    case affinity::blob: return "BLOB";
    case affinity::real: return "REAL";
    case affinity::numeric: return "NUMERIC";
  }
  return "BLOB";
}

std::string quote_name(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string quote_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace evolve

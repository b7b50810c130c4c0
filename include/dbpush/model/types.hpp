// dbpush: what a field holds, independent of dialect.
//
// The model layer computes a db::sql_type for every field at compile time; each
// dialect names it at run time (sqlite/type_names.hpp, postgres/type_names.hpp)
// with ordinary code, so user translation units instantiate no per-dialect
// code (see docs/types.md for the table).
#pragma once

#include <cstdint>
#include <string_view>

namespace db {

enum class type_kind : std::uint8_t {
  unsupported,
  boolean,
  int8, int16, int32, int64,
  uint8, uint16, uint32, uint64,
  float32, float64,
  text, bytes,
  timestamp,    // std::chrono::sys_time<D> other than sys_days
  date,         // std::chrono::sys_days, std::chrono::year_month_day
  enumeration,  // scoped enum: the enum type's name carries the rest
  varchar, decimal, uuid, json, jsonb,
  native,       // spelled verbatim in every dialect
};

// A column type independent of dialect. Built-in field types get one from the
// DSL; native overrides (db::varchar<N>, db::decimal<P,S>, ...) are values of it,
// and so is the answer of the db::column_type<T> customisation point.
struct sql_type {
  type_kind kind = type_kind::unsupported;
  std::uint32_t length = 0;     // varchar
  std::uint16_t precision = 0;  // decimal
  std::uint16_t scale = 0;      // decimal
  std::string_view spelling{};           // native: SQLite's (and PostgreSQL's unless the next is set)
  std::string_view postgres_spelling{};  // native: PostgreSQL's, when it differs

  constexpr sql_type() = default;
  // Implicit, so a customisation can say `static constexpr db::sql_type type = db::type_kind::text;`.
  constexpr sql_type(type_kind k) : kind(k) {}
  constexpr sql_type(type_kind k, std::uint32_t len, std::uint16_t prec, std::uint16_t sc, std::string_view sp,
                     std::string_view pg_sp = {})
      : kind(k), length(len), precision(prec), scale(sc), spelling(sp), postgres_spelling(pg_sp) {}

  friend constexpr bool operator==(const sql_type&, const sql_type&) = default;
};

namespace detail {
// The limits PostgreSQL enforces when the column is created, checked where the
// type is written.
template <std::uint32_t N>
consteval sql_type varchar_type() {
  static_assert(N >= 1 && N <= 10485760, "dbpush: db::varchar<N> takes a length from 1 to 10485760");
  return {type_kind::varchar, N, 0, 0, {}};
}
template <std::uint16_t P, std::uint16_t S>
consteval sql_type decimal_type() {
  static_assert(P >= 1 && P <= 1000 && S <= 1000,
                "dbpush: db::decimal<P, S> takes a precision P from 1 to 1000 and a scale S from 0 to 1000");
  return {type_kind::decimal, 0, P, S, {}};
}
}  // namespace detail

template <std::uint32_t N>
inline constexpr sql_type varchar = detail::varchar_type<N>();
template <std::uint16_t P, std::uint16_t S>
inline constexpr sql_type decimal = detail::decimal_type<P, S>();
inline constexpr sql_type uuid{type_kind::uuid};
inline constexpr sql_type json{type_kind::json};
inline constexpr sql_type jsonb{type_kind::jsonb};
// A type spelled verbatim. Dialects report types in their own canonical
// spelling (SQLite as declared, upper case; PostgreSQL as format_type), so a
// type both dialects know under different names takes both spellings, each
// named by its dialect: db::native({.sqlite = "CHAR(3)", .postgres = "character(3)"}).
// A dialect left out takes the other's spelling.
struct native_spellings {
  std::string_view sqlite{};
  std::string_view postgres{};
};
constexpr sql_type native(std::string_view spelling) { return {type_kind::native, 0, 0, 0, spelling}; }
constexpr sql_type native(native_spellings spellings) {
  return {type_kind::native, 0, 0, 0, spellings.sqlite, spellings.postgres};
}
// The positional form of the above, kept for existing models.
[[deprecated("dbpush: write db::native({.sqlite = \"...\", .postgres = \"...\"})")]]
constexpr sql_type native(std::string_view sqlite_spelling, std::string_view postgres_spelling) {
  return native(native_spellings{sqlite_spelling, postgres_spelling});
}

// Customisation point: specialise with `static constexpr db::sql_type type = ...;`
// to store a type of your own (docs/types.md has an example).
template <class T>
struct column_type {};

constexpr bool is_integer(type_kind k) { return k >= type_kind::int8 && k <= type_kind::uint64; }

// What a default is, as data: the DSL fills it at compile time from
// db::default_value / db::default_now / db::default_sql.
enum class default_kind : std::uint8_t { none, boolean, integer, unsigned_integer, real, text, enumerator, now, sql };

struct default_description {
  default_kind kind = default_kind::none;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  double real = 0;
  std::string_view text{};                 // string, enumerator name, or SQL
  const void* enum_identity = nullptr;     // which C++ enum an enumerator belongs to

  friend constexpr bool operator==(const default_description&, const default_description&) = default;
};

}  // namespace db

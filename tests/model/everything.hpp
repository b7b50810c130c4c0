// A model with a field of every supported type and every native override,
// shared by the type-mapping test and the round trips through real databases.
#pragma once

#include "models.hpp"

namespace types_test {

enum class Mood : std::uint8_t { calm, angry = 3 };

struct Money {
  std::int64_t cents;
};

struct Everything {
  std::int64_t id;
  bool flag;
  std::int8_t i8;
  std::int16_t i16;
  std::int32_t i32;
  std::int64_t i64;
  std::uint8_t u8;
  std::uint16_t u16;
  std::uint32_t u32;
  std::uint64_t u64;
  float f32;
  double f64;
  std::string text;
  std::vector<std::byte> bytes;
  std::vector<std::uint8_t> octets;
  std::vector<unsigned char> uchars;
  std::chrono::sys_seconds seconds;
  std::chrono::sys_time<std::chrono::milliseconds> millis;
  std::chrono::sys_days day;
  std::chrono::year_month_day ymd;
  Mood mood;
  std::optional<std::int32_t> maybe;
  std::string code;
  double price;
  std::string key;
  std::string doc;
  std::string docb;
  std::string point;
  Money balance;
};

}  // namespace types_test

template <>
struct db::column_type<types_test::Money> {
  static constexpr db::sql_type type = db::decimal<12, 2>;
};

template <>
struct db::model<types_test::Everything> {
  using E = types_test::Everything;
  static constexpr auto fields = db::fields(db::field<&E::code>(db::varchar<12>),
                                            db::field<&E::price>(db::decimal<10, 2>),
                                            db::field<&E::key>(db::uuid), db::field<&E::doc>(db::json),
                                            db::field<&E::docb>(db::jsonb),
                                            db::field<&E::point>(db::native({.sqlite = "CHAR(3)", .postgres = "character(3)"})));
};

// Unsigned 64-bit keys. An autoincrement key (declared, or an integer `id` by
// convention) is stored signed: its sequence never exceeds INT64_MAX, and a
// PostgreSQL identity column cannot be numeric. Foreign keys to it follow it;
// other unsigned 64-bit fields keep numeric(20,0) on PostgreSQL.
namespace uint64_keys {

struct Ticket {
  std::uint64_t id;
  std::uint64_t serial;
  std::string title;
};

struct Stub {
  std::uint64_t number;
  std::optional<std::uint64_t> ticket_id;
  std::uint64_t ticket;
  std::uint64_t ticket_serial;
  std::uint64_t hits;
};

}  // namespace uint64_keys

template <>
struct db::model<uint64_keys::Ticket> {
  static constexpr auto indexes = db::indexes(db::unique_on<&uint64_keys::Ticket::id, &uint64_keys::Ticket::serial>());
};

template <>
struct db::model<uint64_keys::Stub> {
  using S = uint64_keys::Stub;
  static constexpr auto fields = db::fields(
      db::field<&S::number>(db::primary_key, db::autoincrement),
      db::field<&S::ticket_id>(db::references<&uint64_keys::Ticket::id>(db::on_delete::set_null)));
  static constexpr auto foreign_keys = db::foreign_keys(db::foreign_key_on<&S::ticket, &S::ticket_serial>(
      db::references<&uint64_keys::Ticket::id, &uint64_keys::Ticket::serial>(db::on_delete::cascade)));
};

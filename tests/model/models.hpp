// Models shared by the model-layer tests: the User/Post sketch.
#pragma once

#include <dbpush/dbpush.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace shop {

enum class Role { member, admin };

struct User {
  std::int64_t id;
  std::string email;
  std::optional<std::string> name;
  Role role;
  std::chrono::sys_seconds created_at;
};

struct Post {
  std::int64_t id;
  std::string title;
  std::int64_t author_id;
  bool published;
  std::vector<std::byte> cover;
};

}  // namespace shop

template <>
struct db::model<shop::User> {
  static constexpr auto table = "users";
  static constexpr auto fields = db::fields(
      db::field<&shop::User::id>(db::primary_key, db::autoincrement),
      db::field<&shop::User::email>(db::unique),
      db::field<&shop::User::role>(db::default_value(shop::Role::member)),
      db::field<&shop::User::created_at>(db::default_now));
};

template <>
struct db::model<shop::Post> {
  static constexpr auto fields = db::fields(
      db::field<&shop::Post::id>(db::primary_key, db::autoincrement),
      db::field<&shop::Post::author_id>(db::references<&shop::User::id>(db::on_delete::cascade)),
      db::field<&shop::Post::published>(db::default_value(false)));
  static constexpr auto indexes = db::indexes(db::index_on<&shop::Post::author_id, &shop::Post::title>());
};

namespace model_test {

// The schema as db::to_string prints it, for whole-schema comparisons.
inline std::string printed(const db::schema& s) { return db::to_string(s); }

}  // namespace model_test

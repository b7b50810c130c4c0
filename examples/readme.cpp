// The README's example, compiled so it stays true (tests/model: model.doc_snippets).
#include <dbpush/sqlite.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

enum class Role { member, admin };

struct User {
  std::int64_t id;
  std::string email;
  std::optional<std::string> name;
  Role role;
};
struct Post {
  std::int64_t id;
  std::string title;
  std::int64_t author_id;
};

template <> struct db::model<User> {
  static constexpr auto table = "users";
  static constexpr auto fields = db::fields(
      db::field<&User::id>(db::primary_key, db::autoincrement),
      db::field<&User::email>(db::unique),
      db::field<&User::role>(db::default_value(Role::member)));
};
template <> struct db::model<Post> {  // no key declared: its integer `id` is the key
  static constexpr auto fields = db::fields(
      db::field<&Post::author_id>(db::references<&User::id>(db::on_delete::cascade)));
};

int main() {
  SQLite::Database conn("app.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  std::cout << db::push<User, Post>(conn) << '\n';
}

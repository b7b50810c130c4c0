// dbpush quickstart: declare models, push them to a SQLite file, print what
// happened. Run it twice: the second push finds the database in sync.
//   quickstart [database file, default app.db]
#include <dbpush/dbpush.hpp>
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <exception>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

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

template <>
struct db::model<User> {
  static constexpr auto table = "users";  // optional; default: the struct's own name
  static constexpr auto fields = db::fields(
      db::field<&User::id>(db::primary_key, db::autoincrement),
      db::field<&User::email>(db::unique),
      db::field<&User::role>(db::default_value(Role::member)),
      db::field<&User::created_at>(db::default_now));
};

template <>
struct db::model<Post> {
  static constexpr auto fields = db::fields(
      db::field<&Post::id>(db::primary_key, db::autoincrement),
      db::field<&Post::author_id>(db::references<&User::id>(db::on_delete::cascade)),
      db::field<&Post::published>(db::default_value(false)));
  static constexpr auto indexes = db::indexes(db::index_on<&Post::author_id, &Post::title>());
};

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "app.db";
  std::cout << "Target schema derived from the models (SQLite):\n"
            << db::schema_of<User, Post>(db::dialect::sqlite) << "\n";
  try {
    SQLite::Database conn(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db::push_options options;
    options.on_sql = [](const std::string& sql) { std::cout << "  " << sql << ";\n"; };
    std::cout << "Pushing to " << path << ":\n";
    const db::push_result result = db::push<User, Post>(conn, options);
    std::cout << result << "\n";
  } catch (const std::exception& e) {
    std::cerr << "dbpush quickstart: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

#include <dbpush/dbpush.hpp>
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

struct Note {
  std::int64_t id;
  std::string title;
  std::optional<std::string> body;
};

template <> struct db::model<Note> {
  static constexpr auto table = "notes";
  static constexpr auto fields = db::fields(db::field<&Note::id>(db::primary_key, db::autoincrement),
                                            db::field<&Note::title>(db::unique));
};

int main(int argc, char** argv) {
  SQLite::Database conn(argc > 1 ? argv[1] : "notes.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  try {
    std::cout << db::push<Note>(conn) << '\n';  // creates `notes`; a second run finds it in sync
  } catch (const db::error& e) {                // refused (data loss, ...): nothing was changed
    std::cerr << e.what() << '\n';
    return 1;
  }
}

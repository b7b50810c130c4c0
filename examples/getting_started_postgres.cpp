#include <dbpush/dbpush.hpp>
#include <dbpush/postgres.hpp>

#include <pqxx/pqxx>

#include <cstdint>
#include <cstdlib>
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

int main() {
  const char* url = std::getenv("DATABASE_URL");  // e.g. postgresql://app@localhost:5432/app
  pqxx::connection conn(url ? url : "");           // empty: libpq's defaults (PGHOST, PGDATABASE, ...)
  db::push_options options;
  if (const char* schema = std::getenv("NOTES_SCHEMA")) options.postgres.schema = schema;  // default "public"
  try {
    std::cout << db::push<Note>(conn, options) << '\n';
  } catch (const db::error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}

// A user's program: every public header, models using each kind of column type
// and annotation, and a push to a SQLite file. Built through each way of getting
// dbpush (tests/consumer/tests.cmake), always with strict warnings as errors.
#include <dbpush/dbpush.hpp>
#include <dbpush/model.hpp>
#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

enum class Kind { note, task, idea };

struct Author {
  std::int64_t id;
  std::string email;
  std::optional<std::string> name;
  bool active;
  std::chrono::sys_seconds joined;
};

struct Note {
  std::int64_t id;
  std::int64_t author_id;
  std::string text;
  Kind kind;
  std::int8_t tiny;
  std::int16_t small;
  std::int32_t medium;
  std::uint8_t byte;
  std::uint16_t ushort;
  std::uint32_t uint;
  std::uint64_t ubig;
  float ratio;
  double score;
  std::optional<std::int64_t> rank;
  std::vector<std::byte> payload;
  std::chrono::sys_days due;
  std::string title;
  double price;
};

template <>
struct db::model<Author> {
  static constexpr auto table = "authors";
  static constexpr auto fields = db::fields(db::field<&Author::id>(db::primary_key, db::autoincrement),
                                            db::field<&Author::email>(db::unique),
                                            db::field<&Author::active>(db::default_value(true)),
                                            db::field<&Author::joined>(db::default_now));
};

template <>
struct db::model<Note> {
  static constexpr auto fields =
      db::fields(db::field<&Note::author_id>(db::references<&Author::id>(db::on_delete::cascade)),
                 db::field<&Note::kind>(db::default_value(Kind::note)), db::field<&Note::score>(db::default_value(0.5)),
                 db::field<&Note::medium>(db::default_value(7)), db::field<&Note::title>(db::varchar<80>),
                 db::field<&Note::price>(db::decimal<10, 2>));
  static constexpr auto indexes = db::indexes(db::index_on<&Note::author_id, &Note::kind>());
};

int main(int argc, char** argv) {
  if (argc < 2) return 2;
#ifdef DBPUSH_SEPARATE_COMPILATION
  std::cout << "engine: compiled once\n";
#else
  std::cout << "engine: header-only\n";
#endif
  SQLite::Database conn(argv[1], SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const db::push_result first = db::push<Author, Note>(conn);
  const db::push_result second = db::push<Author, Note>(conn);
  std::cout << first << '\n' << second << '\n';
  std::cout << db::schema_of<Author, Note>(db::dialect::postgres) << '\n';
  // The first push creates the tables, the second finds nothing to do.
  return first.changed && !second.changed ? 0 : 1;
}

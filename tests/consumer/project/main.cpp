#include <dbpush/dbpush.hpp>
#include <dbpush/sqlite.hpp>

#include <cstdint>
#include <iostream>
#include <string>

struct Note {
  std::int64_t id;
  std::string text;
};

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  SQLite::Database conn(argv[1], SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const db::push_result first = db::push<Note>(conn);
  const db::push_result second = db::push<Note>(conn);
  std::cout << first << '\n' << second << '\n';
  // The first push creates the table, the second finds nothing to do.
  return first.changed && !second.changed ? 0 : 1;
}

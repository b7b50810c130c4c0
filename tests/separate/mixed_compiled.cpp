// The other half: this TU links dbpush::sqlite (the engine compiled once) and
// calls the header-only half. The link must fail, naming the mismatch.
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>

bool push_counter(SQLite::Database& conn);

namespace {
struct Tally {
  std::int64_t id;
};
}  // namespace

int main() {
  SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  return push_counter(conn) && db::push<Tally>(conn).changed ? 0 : 1;
}

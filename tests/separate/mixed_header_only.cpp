// Half of a program that mixes the modes (see tests.cmake): this TU forgets
// DBPUSH_SEPARATE_COMPILATION, so it compiles the engine inline.
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>

namespace {
struct Counter {
  std::int64_t id;
  std::int64_t value;
};
}  // namespace

bool push_counter(SQLite::Database& conn) { return db::push<Counter>(conn).changed; }

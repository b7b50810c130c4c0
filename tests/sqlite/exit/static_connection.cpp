// A reset in-memory connection in a function-local static: constructed before
// dbpush's first use of its own state, so destroyed after it would be.
#include "exit_support.hpp"

SQLite::Database& shared_connection() {
  static SQLite::Database conn = exit_test::memory_connection();
  return conn;
}

int main() {
  exit_test::use_like_a_test_suite(shared_connection());
  return 0;
}

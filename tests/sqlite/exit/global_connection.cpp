// A reset in-memory connection in a global, destroyed after main returns.
#include "exit_support.hpp"

SQLite::Database shared_connection = exit_test::memory_connection();

int main() {
  exit_test::use_like_a_test_suite(shared_connection);
  return 0;
}

// Several reset connections: two globals and a function-local static on two
// targets (two saved images), one closed inside main, one used by a thread.
#include "exit_support.hpp"

#include <thread>

SQLite::Database first_global = exit_test::memory_connection();
SQLite::Database second_global = exit_test::memory_connection();

SQLite::Database& shared_connection() {
  static SQLite::Database conn = exit_test::memory_connection();
  return conn;
}

int main() {
  {
    auto closed_in_main = exit_test::memory_connection();
    exit_test::use_like_a_test_suite(closed_in_main);
  }
  exit_test::use_like_a_test_suite(first_global);
  exit_test::use_like_a_test_suite(second_global, true);
  std::thread worker([] { exit_test::use_like_a_test_suite(shared_connection(), true); });
  worker.join();
  exit_test::use_like_a_test_suite(first_global, true);
  return 0;
}

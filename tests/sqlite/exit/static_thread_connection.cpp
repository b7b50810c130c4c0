// A function-local static connection made and reset by another thread, then
// reset again by main; the process exits with it open.
#include "exit_support.hpp"

#include <thread>

SQLite::Database& shared_connection() {
  static SQLite::Database conn = exit_test::memory_connection();
  return conn;
}

int main() {
  std::thread worker([] { exit_test::use_like_a_test_suite(shared_connection()); });
  worker.join();
  exit_test::use_like_a_test_suite(shared_connection());
  return 0;
}

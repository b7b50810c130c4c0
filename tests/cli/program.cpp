// The command line the CLI tests run: db::cli::main over the first or the
// second version of the tools' models (DBPUSH_TEST_VERSION), with generators
// the tests switch on through the environment, and the number of lock retries
// (DBPUSH_TEST_LOCK_RETRIES) a program may set.
#include "cli/versions.hpp"

#include <dbpush/cli.hpp>
#include <dbpush/generators.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

int main(int argc, char** argv) {
  db::push_options defaults;
  if (const char* dir = std::getenv("DBPUSH_TEST_GENERATE_DIR"))
    defaults.generators.push_back(db::generators::sql_snapshot(std::filesystem::path(dir) / "schema.sql"));
  if (std::getenv("DBPUSH_TEST_FAILING_GENERATOR"))
    defaults.generators.push_back(
        [](const db::schema&, const db::push_result&) { throw std::runtime_error("cannot reach the docs server"); });
  if (const char* retries = std::getenv("DBPUSH_TEST_LOCK_RETRIES")) defaults.postgres.lock_retries = std::atoi(retries);
#if DBPUSH_TEST_VERSION == 1
  return db::cli::main<v1::Author, v1::Book, v1::Shelf>(argc, argv, defaults);
#else
  return db::cli::main<v2::Author, v2::Book, v2::Tag>(argc, argv, defaults);
#endif
}

// Issue 5, benchmarks 6 and 8: a service's start-up as a whole process. Built
// twice, as bench_startup_sqlite and bench_startup_postgres (only one database
// library linked, as in a user's program):
//   bench_startup_sqlite   TABLES FILE   [--prepare] [--connect-only] [--repeat N] [--rss]
//   bench_startup_postgres TABLES SCHEMA [--prepare] [--connect-only] [--repeat N] [--rss]
// --prepare pushes the schema and checks that a second push is a no-op; a
// normal run connects and pushes the (already in sync) schema, and fails if the
// push changed anything. --connect-only stops after connecting (the baseline of
// --rss, which prints the process's peak resident memory from getrusage).
#include "generated_schema.hpp"

#ifdef DBPUSH_BENCH_POSTGRES
#include "pg_support.hpp"

#include <dbpush/postgres.hpp>

#include <pqxx/pqxx>
#else
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#endif

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

struct arguments {
  std::size_t tables = 0;
  std::string where;  // SQLite file or PostgreSQL schema
  bool prepare = false, connect_only = false, rss = false;
  int repeat = 1;
};

arguments parse(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " TABLES FILE|SCHEMA [--prepare] [--connect-only] [--repeat N] [--rss]\n";
    std::exit(2);
  }
  arguments a;
  a.tables = std::stoul(argv[1]);
  a.where = argv[2];
  for (int i = 3; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--prepare") a.prepare = true;
    else if (arg == "--connect-only") a.connect_only = true;
    else if (arg == "--rss") a.rss = true;
    else if (arg == "--repeat" && i + 1 < argc) a.repeat = std::stoi(argv[++i]);
    else {
      std::cerr << "unknown argument " << arg << "\n";
      std::exit(2);
    }
  }
  return a;
}

#ifdef DBPUSH_BENCH_POSTGRES
constexpr auto dialect = db::dialect::postgres;

int run(const arguments& a) {
  const auto info = dbpush_bench::pg_conninfo();
  if (!info) {
    std::cerr << dbpush_bench::pg_skip_message << "\n";
    return 2;
  }
  pqxx::connection conn(*info);
  if (a.connect_only) return 0;
  const db::push_options options{.postgres = {.schema = a.where}};
  if (a.prepare) {
    dbpush_bench::recreate_schema(conn, a.where);
    db::push(conn, dbpush_bench::generated_schema(a.tables, dialect), options);
  }
  for (int i = 0; i < a.repeat; ++i)
    if (db::push(conn, dbpush_bench::generated_schema(a.tables, dialect), options).changed) return 1;
  return 0;
}
#else
constexpr auto dialect = db::dialect::sqlite;

int run(const arguments& a) {
  if (a.prepare) std::remove(a.where.c_str());
  SQLite::Database conn(a.where, SQLite::OPEN_READWRITE | (a.prepare ? SQLite::OPEN_CREATE : 0));
  if (a.connect_only) return 0;
  if (a.prepare) db::push(conn, dbpush_bench::generated_schema(a.tables, dialect));
  for (int i = 0; i < a.repeat; ++i)
    if (db::push(conn, dbpush_bench::generated_schema(a.tables, dialect)).changed) return 1;
  return 0;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const auto a = parse(argc, argv);
  int status = 0;
  try {
    status = run(a);
    if (status == 1 && !a.connect_only) std::cerr << "the push changed the database: it was not in sync\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  if (a.rss) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "maxrss_kib " << usage.ru_maxrss << "\n";
  }
  return status;
}

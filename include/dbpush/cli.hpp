// dbpush: a `db push` command line in one line of user code.
//
//   #include <dbpush/cli.hpp>
//   int main(int argc, char** argv) { return db::cli::main<User, Post>(argc, argv); }
//
//   $ ./app-db push                      # DATABASE_URL=sqlite:app.db or postgresql://...
//   $ ./app-db push --accept-data-loss --url postgresql://app@db:5432/app
//   $ ./app-db plan                      # steps, warnings and SQL; changes nothing
//   $ ./app-db diff --sql --from-empty --dialect postgresql > migrations/0001_init.sql
//
// The same verbs on both dialects (docs/cli.md has every flag and message):
// push [--accept-data-loss] [--force-reset] [--skip-generate] [--dry-run],
// plan, reset [--force], diff [--sql] [--from-empty], schema [--format
// sql|json|mermaid], --url, --schema NAME (PostgreSQL), --help, --version.
// Exit codes: 0 done or already in sync; 1 refused (data loss, unexecutable
// steps, declined at the prompt, a generator failed); 2 usage error, or the
// database cannot be opened or reached. `defaults` carries what the program
// adds: generators (run after push and reset unless --skip-generate),
// ignore_tables, on_sql, or accept_data_loss / force_reset / skip_generate
// switched on for every run (a flag switches each on too).
#pragma once

#include <dbpush/cli/run.hpp>
#include <dbpush/model/schema_of.hpp>
#include <dbpush/push/push.hpp>

namespace db::cli {

template <class... Models>
int main(int argc, char** argv, const push_options& defaults = {}) {
  return run(arguments(argc, argv), {schema_of<Models...>(dialect::sqlite), schema_of<Models...>(dialect::postgres)},
             defaults);
}

}  // namespace db::cli

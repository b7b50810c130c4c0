// Helper program of the PostgreSQL resilience tests (child.hpp has the protocol).
//   push conninfo=<...> schema=<s> version=<1|2> tables=<n> [accept] [kill-after=<k>] [pause-after=<k>]
//        [kill-in-generator] [start-on-go] [online]   says "backend <pid>" first
//   write conninfo=<...> schema=<s> writer=<w> rows=<n> insert=<table> update=<table>
//        inserts rows into one table, updates rows of another until told to stop
#include "resilience/child.hpp"
#include "resilience/scenarios.hpp"

#include <dbpush/postgres.hpp>

#include <pqxx/pqxx>

using namespace resilience;

namespace {

int push_ledger(const child_args& args) {
  pqxx::connection conn(args.text("conninfo"));
  const auto target =
      postgres_ledger(static_cast<int>(args.number("version", 2)), static_cast<int>(args.number("tables", 1)));
  auto options = interrupting_options(args);
  options.postgres.schema = args.text("schema");
  options.postgres.online = args.has("online");
  say("backend " + std::to_string(conn.backendpid()));
  say("ready");
  if (args.has("start-on-go")) listen();
  return report_push([&] { return db::push(conn, target, options); });
}

// Writer w alternates: insert a row into `insert` with its next id (a row of
// its parent table as its parent: t01's foreign key check locks t00), add 1
// to k of a row of `update`. Each statement is its own transaction and waits
// for the locks it needs.
int write_rows(const child_args& args) {
  const long w = args.number("writer", 0);
  const long rows = args.number("rows", 1);
  pqxx::connection conn(args.text("conninfo"));
  const std::string s = conn.quote_name(args.text("schema")) + ".";
  const std::string insert = s + conn.quote_name(args.text("insert")), update = s + conn.quote_name(args.text("update"));
  const bool has_parent = args.text("insert") != postgres_table_name(0);
  return run_writer([&](long i, writer_tally& tally) {
    pqxx::nontransaction tx(conn);
    if (i % 2 == 0) {
      const long long id = writer_ids + w * writer_id_stride + i / 2;
      tx.exec("INSERT INTO " + insert + " (id, parent_id, k, v) VALUES (" + std::to_string(id) + ", " +
              (has_parent ? std::to_string(1 + (i * 13 + w) % rows) : "NULL") + ", " + std::to_string(i % 97) +
              ", 'w" + std::to_string(w) + "')");
      ++tally.inserted;
      tally.inserted_ids += id;
    } else {
      tally.updated +=
          tx.exec("UPDATE " + update + " SET k = k + 1 WHERE id = " + std::to_string(1 + (i * 7 + w) % rows))
              .affected_rows();
    }
  });
}

}  // namespace

int main(int argc, char** argv) { return child_main(argc, argv, push_ledger, write_rows); }

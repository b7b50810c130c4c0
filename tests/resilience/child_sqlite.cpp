// Helper program of the SQLite resilience tests (child.hpp has the protocol).
//   push db=<file> version=<1|2> [accept] [kill-after=<k>] [pause-after=<k>] [kill-in-generator] [start-on-go]
//   write db=<file> writer=<w> accounts=<n>   inserts entries and updates accounts until told to stop
#include "resilience/child.hpp"
#include "resilience/scenarios.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

using namespace resilience;

namespace {

int push_ledger(const child_args& args) {
  SQLite::Database conn(args.text("db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  conn.exec("PRAGMA foreign_keys = ON");
  const auto target = sqlite_ledger(static_cast<int>(args.number("version", 2)));
  const auto options = interrupting_options(args);
  say("ready");
  if (args.has("start-on-go")) listen();
  return report_push([&] { return db::push(conn, target, options); });
}

// Writer w alternates: insert an entry with its next id (the trigger adds 1 to
// the account's balance), add 1 to an account's balance. Each statement is its
// own transaction; a busy database makes it wait (busy timeout), never fail.
int write_rows(const child_args& args) {
  const long w = args.number("writer", 0);
  const long accounts = args.number("accounts", 1);
  SQLite::Database conn(args.text("db"), SQLite::OPEN_READWRITE, 120'000);
  conn.exec("PRAGMA foreign_keys = ON");
  return run_writer([&](long i, writer_tally& tally) {
    if (i % 2 == 0) {
      const long long id = writer_ids + w * writer_id_stride + i / 2;
      SQLite::Statement q(conn, "INSERT INTO entries (id, account_id, amount) VALUES (?, ?, ?)");
      q.bind(1, static_cast<int64_t>(id));
      q.bind(2, static_cast<int64_t>(1 + (i * 13 + w) % accounts));
      q.bind(3, static_cast<double>(i % 100) / 4.0);
      q.exec();
      ++tally.inserted;
      tally.inserted_ids += id;
    } else {
      SQLite::Statement q(conn, "UPDATE accounts SET balance = balance + 1 WHERE id = ?");
      q.bind(1, static_cast<int64_t>(1 + (i * 7 + w) % accounts));
      tally.updated += q.exec();
    }
  });
}

}  // namespace

int main(int argc, char** argv) { return child_main(argc, argv, push_ledger, write_rows); }

// Concurrency on SQLite (docs/reliability.md): eight processes pushing the same
// schema at once, a push among four writing processes, a push while a reader
// holds a snapshot.
#include "resilience/harness.hpp"
#include "resilience/scenarios.hpp"
#include "resilience/sqlite_support.hpp"
#include "resilience/state.hpp"
#include "sqlite/fixture.hpp"

using namespace resilience;
using sqlite_test::count;
using sqlite_test::rows;

namespace {

struct ledger_totals {
  long long entries, entry_ids, balance;
};

ledger_totals totals(const std::filesystem::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
  return {count(db, "SELECT count(*) FROM entries"), count(db, "SELECT total(id) FROM entries"),
          count(db, "SELECT total(balance) FROM accounts")};
}

// What the push itself does to the schema and the seeded rows: the same with
// writers as without them.
std::vector<std::string> pushed_part(const std::filesystem::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
  auto out = rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  out.push_back(table_line("seeded entries", rows(db, "SELECT * FROM entries WHERE id < " + std::to_string(writer_ids))));
  out.push_back(table_line("accounts but balance", rows(db, "SELECT id, email, name, tier FROM accounts")));
  for (const auto& r : rows(db, "PRAGMA integrity_check")) out.push_back("integrity_check " + r);
  for (const auto& r : rows(db, "PRAGMA foreign_key_check")) out.push_back("foreign_key_check " + r);
  return out;
}

void check_push_among_writers(const std::string& journal, long accounts) {
  sqlite_test::temp_db t;
  const auto subject = sqlite_ledger_subject(t.dir, journal, accounts);
  const auto work = sqlite_work_file(t.dir), reference = t.dir / "reference.db";
  calibrate(subject);
  copy_database(work, reference);
  subject.restore_old();
  const auto before = totals(work);
  std::vector<std::vector<std::string>> writers;
  for (int w = 0; w < 4; ++w)
    writers.push_back({sqlite_child_program(), "write", "db=" + work.string(), "writer=" + std::to_string(w),
                       "accounts=" + std::to_string(accounts)});
  const auto run = push_among_writers(subject, writers);
  CHECK_MESSAGE(run.outcome.starts_with("result changed "), "the push said: " << run.outcome);
  CHECK_MESSAGE(run.total.errors == 0, "writers failed:\n" << run.writer_errors);
  const auto after = totals(work);
  CHECK(after.entries == before.entries + run.total.inserted);
  CHECK(after.entry_ids == before.entry_ids + run.total.inserted_ids);
  CHECK(after.balance == before.balance + run.total.updated + run.total.inserted);  // the trigger adds 1 per entry
  CHECK(pushed_part(work) == pushed_part(reference));
  MESSAGE("journal_mode " << journal << ": the push took " << run.push_time.count() << " ms among 4 writers ("
                          << run.total.inserted << " rows inserted, " << run.total.updated
                          << " updated; the longest wait of a writer: " << run.total.longest_ms << " ms)");
}

}  // namespace

TEST_CASE("sqlite 8 processes pushing the same new schema at once all succeed and exactly one applies it") {
  const int rounds = static_cast<int>(env_number("DBPUSH_RESILIENCE_ROUNDS", full_run() ? 10 : 1));
  long pushes = 0;
  for (const auto& journal : sqlite_concurrency_journal_modes())
    for (const int from_version : {0, 1}) {
      CAPTURE(journal);
      CAPTURE(from_version);
      sqlite_test::temp_db t;
      const auto subject = sqlite_ledger_subject(t.dir, journal, 2'000, from_version);
      const auto reference = calibrate(subject);
      for (int round = 0; round < rounds; ++round, pushes += 8) {
        const auto problems = push_at_once(subject, reference, 8);
        CHECK_MESSAGE(problems.empty(), problems);
      }
    }
  MESSAGE("SQLite concurrent pushes: " << pushes);
}

TEST_CASE("sqlite a push among 4 writing processes loses no row and only makes them wait") {
  for (const auto& journal : sqlite_concurrency_journal_modes()) {
    CAPTURE(journal);
    check_push_among_writers(journal, full_run() ? 200'000 : 20'000);
  }
}

// WAL: the push commits beside the reader, whose snapshot stays the old
// database. Rollback journal: the push cannot commit while the reader holds
// its lock; it fails saying the database is locked and changes nothing (it
// should wait first: found bug R1).
TEST_CASE("sqlite a reader holding a snapshot during a redefinition: the push waits or fails cleanly") {
  for (const std::string journal : {"wal", "delete"}) {
    CAPTURE(journal);
    sqlite_test::temp_db t;
    const auto subject = sqlite_ledger_subject(t.dir, journal, 20'000);
    const auto reference = calibrate(subject);
    subject.restore_old();
    SQLite::Database reader(sqlite_work_file(t.dir).string(), SQLite::OPEN_READONLY);
    reader.exec("BEGIN");
    const auto seen = sqlite_state(reader);
    CHECK(seen == reference.old_state);
    std::string outcome;
    {
      helper_process pusher(subject.program, subject.push_args);
      outcome = outcome_line(pusher);
      pusher.wait();
    }
    CHECK(sqlite_state(reader) == seen);
    reader.exec("COMMIT");
    const auto after = sqlite_state(reader);
    if (outcome.starts_with("result changed ")) {
      CHECK(after == reference.new_state);
    } else {
      CHECK_MESSAGE(outcome.starts_with("error database_error "), outcome);
      CHECK_MESSAGE(outcome.find("is locked") != std::string::npos, outcome);
      CHECK(after == reference.old_state);
    }
    MESSAGE("journal_mode " << journal << ": " << outcome);
  }
}

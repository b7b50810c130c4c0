// Concurrency on PostgreSQL (docs/reliability.md): eight processes pushing the
// same schema at once, a push among four writing processes, a push while a
// reader holds a snapshot of the tables it alters.
#include "postgres/pg_fixture.hpp"
#include "resilience/harness.hpp"
#include "resilience/postgres_support.hpp"
#include "resilience/scenarios.hpp"
#include "resilience/state.hpp"

#include <sstream>

using namespace resilience;

namespace {

// The tables the writers insert into and update.
struct written_tables {
  std::string inserted, updated;
};

struct ledger_totals {
  long long rows, row_ids, k;
};

ledger_totals totals(pgtest::fixture& f, const written_tables& written) {
  return {f.count("SELECT count(*) FROM " + f.q(written.inserted)), f.count("SELECT sum(id) FROM " + f.q(written.inserted)),
          f.count("SELECT sum(k) FROM " + f.q(written.updated))};
}

// What the push itself does to the schema and the seeded rows: the same with
// writers as without them.
std::string pushed_part(pgtest::fixture& f, const written_tables& written) {
  std::string out;
  std::istringstream state(postgres_state(f.conn, f.name));
  for (std::string line; std::getline(state, line);)
    if (!line.starts_with(written.inserted + ": ") && !line.starts_with(written.updated + ": ")) out += line + "\n";
  pqxx::nontransaction tx(f.conn);
  auto lines = [&](const std::string& query) {
    std::vector<std::string> rows;
    for (const auto& r : tx.exec(query)) rows.push_back(r[0].c_str());
    return rows;
  };
  out += table_line("seeded rows", lines("SELECT t::text FROM " + f.q(written.inserted) + " AS t WHERE id < " +
                                         std::to_string(writer_ids))) + "\n";
  out += table_line("updated but k",
                    lines("SELECT (id, parent_id, v, total, status, flag)::text FROM " + f.q(written.updated))) + "\n";
  return out;
}

}  // namespace

TEST_CASE("postgres 8 processes pushing the same new schema at once all succeed and exactly one applies it") {
  pgtest::fixture f;
  const int rounds = static_cast<int>(env_number("DBPUSH_RESILIENCE_ROUNDS", full_run() ? 10 : 1));
  long pushes = 0;
  for (const int from_version : {0, 1}) {
    CAPTURE(from_version);
    const auto subject = postgres_ledger_subject(pgtest::conninfo(), f.name, 6, 1'000, from_version);
    const auto reference = calibrate(subject);
    for (int round = 0; round < rounds; ++round, pushes += 8) {
      const auto problems = push_at_once(subject, reference, 8);
      CHECK_MESSAGE(problems.empty(), problems);
    }
  }
  MESSAGE("PostgreSQL concurrent pushes: " << pushes);
}

// The writers insert into t01, whose foreign key check locks t00 while the
// insert holds t01, and update t00. The push locks tables one statement at a
// time, so it and a writer can wait for each other (found bug P2): the push's
// lock timeout, below the server's deadlock_timeout, makes it give way and
// retry before the server would end the writer.
TEST_CASE("postgres a push among 4 writing processes loses no row and only makes them wait") {
  pgtest::fixture f;
  const int tables = full_run() ? 12 : 6;
  const long rows = full_run() ? 50'000 : 5'000;
  const auto subject = postgres_ledger_subject(pgtest::conninfo(), f.name, tables, rows);
  const written_tables written{"t01", "t00"};
  calibrate(subject);
  const auto reference = pushed_part(f, written);
  subject.restore_old();
  const auto before = totals(f, written);
  std::vector<std::vector<std::string>> writers;
  for (int w = 0; w < 4; ++w)
    writers.push_back({postgres_child_program(), "write", "conninfo=" + pgtest::conninfo(), "schema=" + f.name,
                       "writer=" + std::to_string(w), "rows=" + std::to_string(rows), "insert=" + written.inserted,
                       "update=" + written.updated});
  const auto run = push_among_writers(subject, writers);
  CHECK_MESSAGE(run.total.errors == 0, "writers failed:\n" << run.writer_errors);
  const auto after = totals(f, written);
  CHECK(after.rows == before.rows + run.total.inserted);
  CHECK(after.row_ids == before.row_ids + run.total.inserted_ids);
  CHECK(after.k == before.k + run.total.updated);
  REQUIRE_MESSAGE(run.outcome.starts_with("result changed "), "the push said: " << run.outcome);
  const auto pushed = pushed_part(f, written);
  CHECK_MESSAGE(pushed == reference, state_difference(reference, pushed));
  MESSAGE("the push took " << run.push_time.count() << " ms among 4 writers (" << run.total.inserted
                           << " rows inserted, " << run.total.updated
                           << " updated; the longest wait of a writer: " << run.total.longest_ms << " ms)");
}

// The reader's locks make the push's first ALTER wait until the reader ends;
// the reader's snapshot stays the old schema meanwhile.
TEST_CASE("postgres a reader holding a snapshot of the tables a push alters: the push waits, the reader sees the old") {
  pgtest::fixture f;
  const auto subject = postgres_ledger_subject(pgtest::conninfo(), f.name, 6, 2'000);
  const auto reference = calibrate(subject);
  subject.restore_old();
  pqxx::connection reader_conn(pgtest::conninfo());
  pqxx::transaction<pqxx::repeatable_read> reader(reader_conn);
  const auto seen = postgres_state(reader, f.name);
  CHECK(seen == reference.old_state);
  helper_process pusher(subject.program, subject.push_args);
  pusher.expect("pushing");
  const auto early = pusher.read_line(std::chrono::milliseconds(1500));
  CHECK_MESSAGE(!early, "the push did not wait for the reader: " << early.value_or(""));
  CHECK(postgres_state(reader, f.name) == seen);
  reader.commit();
  const auto outcome = early ? *early : outcome_line(pusher);
  CHECK_MESSAGE(outcome.starts_with("result changed "), outcome);
  CHECK(subject.state() == reference.new_state);
}

// Crashes on PostgreSQL (docs/reliability.md): a push that alters every table
// of a many-table schema, killed after chosen statements, after its commit
// and at random moments; its backend terminated from another connection; the
// server restarted under it.
#include "postgres/pg_fixture.hpp"
#include "resilience/crash.hpp"
#include "resilience/postgres_support.hpp"

using namespace resilience;

namespace {

void report(const crash_tally& tally, const push_reference& reference, const std::string& what) {
  MESSAGE(what << ", " << reference.statements << " statements in " << reference.duration.count() / 1000
               << " ms: " << tally.summary());
  for (const auto& f : tally.failures) ADD_FAIL_CHECK_AT(__FILE__, __LINE__, f);
  CHECK(tally.failures.empty());
}

}  // namespace

TEST_CASE("postgres a push killed or cut off at any moment leaves the whole old schema or the whole new one") {
  pgtest::fixture f;
  const int tables = static_cast<int>(env_number("DBPUSH_RESILIENCE_PG_TABLES", full_run() ? 12 : 6));
  const long rows = env_number("DBPUSH_RESILIENCE_PG_ROWS", full_run() ? 20'000 : 2'000);
  auto subject = postgres_ledger_subject(pgtest::conninfo(), f.name, tables, rows);
  subject.sever = [&](const std::string& backend) { terminate_backend(f.conn, backend); };
  const auto reference = calibrate(subject);
  std::mt19937_64 random(crash_seed());
  std::vector<cut> cuts;
  for (long k : spread(reference.statements, full_run() ? 40 : 6)) cuts.push_back(cut{cut_kind::kill_after_statements, k});
  cuts.push_back(cut{cut_kind::kill_in_generator});
  for (const auto& c : random_cuts(cut_kind::kill_at_time, reference, full_run() ? 15 : 3, random)) cuts.push_back(c);
  for (long k : spread(reference.statements, full_run() ? 12 : 3)) cuts.push_back(cut{cut_kind::sever_after_statements, k});
  for (const auto& c : random_cuts(cut_kind::sever_at_time, reference, full_run() ? 8 : 2, random)) cuts.push_back(c);
  crash_tally tally;
  for (const auto& c : cuts) run_cut(subject, reference, c, tally);
  report(tally, reference,
         std::to_string(tables) + " tables of " + std::to_string(rows) + " rows (seed " +
             std::to_string(crash_seed()) + ")");
}

TEST_CASE("postgres a server restarted in the middle of a push comes back with the whole old schema") {
  own_cluster cluster;
  auto subject = postgres_ledger_subject(cluster.conninfo(), "ledger", 6, 2'000);
  subject.sever = [&](const std::string&) { cluster.restart(); };
  subject.settle = nullptr;  // a restart ends every backend
  const auto reference = calibrate(subject);
  std::mt19937_64 random(crash_seed());
  std::vector<cut> cuts;
  for (long k : spread(reference.statements, full_run() ? 6 : 2)) cuts.push_back(cut{cut_kind::sever_after_statements, k});
  for (const auto& c : random_cuts(cut_kind::sever_at_time, reference, full_run() ? 4 : 0, random)) cuts.push_back(c);
  crash_tally tally;
  for (const auto& c : cuts) run_cut(subject, reference, c, tally);
  report(tally, reference, "server restarts");
}

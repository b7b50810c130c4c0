// Crashes on SQLite (docs/reliability.md): a push that redefines two large
// tables, drops one and creates one, killed at every statement, after its
// commit and at random moments, in rollback-journal and in WAL mode.
#include "resilience/crash.hpp"
#include "resilience/sqlite_support.hpp"
#include "sqlite/fixture.hpp"

using namespace resilience;

TEST_CASE("sqlite a push killed at any moment leaves the whole old database or the whole new one") {
  const long accounts = env_number("DBPUSH_RESILIENCE_SQLITE_ACCOUNTS", full_run() ? 100'000 : 10'000);
  const long random_kills = env_number("DBPUSH_RESILIENCE_SQLITE_RANDOM_KILLS", full_run() ? 90 : 8);
  std::mt19937_64 random(crash_seed());
  long kills = 0;
  for (const std::string journal : {"delete", "wal"}) {
    CAPTURE(journal);
    sqlite_test::temp_db t;
    const auto subject = sqlite_ledger_subject(t.dir, journal, accounts);
    const auto reference = calibrate(subject);
    REQUIRE(reference.old_state.find("integrity_check: 'ok'") != std::string::npos);
    std::vector<cut> cuts;
    for (long k = 0; k < reference.statements; ++k) cuts.push_back(cut{cut_kind::kill_after_statements, k});
    cuts.push_back(cut{cut_kind::kill_in_generator});
    for (const auto& c : random_cuts(cut_kind::kill_at_time, reference, random_kills, random)) cuts.push_back(c);
    crash_tally tally;
    for (const auto& c : cuts) run_cut(subject, reference, c, tally);
    kills += tally.runs;
    MESSAGE("journal_mode " << journal << ", " << accounts << " accounts, " << reference.statements
                            << " statements in " << reference.duration.count() / 1000 << " ms: " << tally.summary());
    for (const auto& f : tally.failures) ADD_FAIL_CHECK_AT(__FILE__, __LINE__, f);
    CHECK(tally.failures.empty());
  }
  MESSAGE("SQLite kills survived: " << kills << " (seed " << crash_seed() << ")");
}

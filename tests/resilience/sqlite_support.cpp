#include "resilience/sqlite_support.hpp"

#include "resilience/scenarios.hpp"
#include "resilience/state.hpp"
#include "sqlite/fixture.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Statement.h>

namespace resilience {

std::string sqlite_child_program() { return RESILIENCE_CHILD_SQLITE; }

std::string sqlite_state(SQLite::Database& db) {
  std::string out;
  for (const auto& row : sqlite_test::rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"))
    out += row + "\n";
  for (const auto& name : sqlite_test::rows(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
    const auto table = name.substr(1, name.size() - 2);  // rows() quotes text
    out += table_line(table, sqlite_test::rows(db, "SELECT * FROM " + db::sqlite::quote_identifier(table))) + "\n";
  }
  for (const auto& line : sqlite_test::rows(db, "PRAGMA integrity_check")) out += "integrity_check: " + line + "\n";
  for (const auto& line : sqlite_test::rows(db, "PRAGMA foreign_key_check")) out += "foreign_key_check: " + line + "\n";
  return out;
}

std::string sqlite_file_state(const std::filesystem::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  return sqlite_state(db);
}

void make_sqlite_ledger(const std::filesystem::path& path, const std::string& journal_mode, long long accounts) {
  std::filesystem::remove(path);
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = " + journal_mode);
  db.exec("PRAGMA foreign_keys = ON");
  db::push(db, sqlite_ledger(1));
  db.exec("BEGIN");
  for (const auto& sql : sqlite_ledger_seed(accounts)) db.exec(sql);
  db.exec("COMMIT");
  if (journal_mode == "wal") db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::filesystem::path sqlite_work_file(const std::filesystem::path& dir) { return dir / "work.db"; }

push_subject sqlite_ledger_subject(const std::filesystem::path& dir, const std::string& journal_mode, long accounts,
                                   int from_version) {
  const auto base = dir / "base.db", work = sqlite_work_file(dir);
  if (from_version == 1) make_sqlite_ledger(base, journal_mode, accounts);
  push_subject s;
  s.program = sqlite_child_program();
  s.push_args = {"push", "db=" + work.string(), "version=" + std::to_string(from_version + 1), "accept"};
  s.restore_old = [=] {
    if (from_version == 1) return copy_database(base, work);
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(work.string() + suffix);
    SQLite::Database empty(work.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    empty.exec("PRAGMA journal_mode = " + journal_mode);
  };
  s.state = [=] { return sqlite_file_state(work); };
  s.recover = [=] {
    SQLite::Database db(work.string(), SQLite::OPEN_READWRITE);
    db::push(db, sqlite_ledger(from_version + 1), sqlite_test::accepting());
  };
  return s;
}

std::vector<std::string> sqlite_concurrency_journal_modes() { return {"wal", "delete"}; }

void copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const char* suffix : {"-journal", "-wal", "-shm"}) std::filesystem::remove(to.string() + suffix);
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace resilience

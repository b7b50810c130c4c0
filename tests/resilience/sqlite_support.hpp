// SQLite side of the resilience tests: the state of a database file, a ledger
// file to start from, and the helper program's path.
#pragma once

#include "resilience/harness.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <string>
#include <vector>

namespace resilience {

// The helper program child_sqlite.cpp (its path is compiled in).
std::string sqlite_child_program();

// Every row of sqlite_schema, one line per table with its row count and the
// checksum of its rows (sqlite_sequence included), and the verdict of
// PRAGMA integrity_check and foreign_key_check (state.hpp).
std::string sqlite_state(SQLite::Database& db);
// Opens the file read-write, made empty when missing (a hot journal left by a
// killed process is rolled back then, as by any next user); returns its state.
std::string sqlite_file_state(const std::filesystem::path& path);

// Makes `path` hold version 1 of the SQLite ledger (scenarios.hpp) with
// `accounts` accounts, in `journal_mode` ("delete" or "wal"), checkpointed:
// the file alone is the whole database.
void make_sqlite_ledger(const std::filesystem::path& path, const std::string& journal_mode, long long accounts);

// The journal modes the concurrency tests run in: WAL and rollback journal
// (where a push's commit waits for readers, found bug R1).
std::vector<std::string> sqlite_concurrency_journal_modes();

// The push the SQLite harnesses cut short or run at once: `dir`/work.db
// pushed to version from_version + 1 with accept_data_loss by the helper
// program. restore_old copies version 1 (`accounts` accounts, made once in
// `dir`/base.db) over it, or, from version 0, makes it an empty file in
// `journal_mode`; recover pushes version 2 in this process.
push_subject sqlite_ledger_subject(const std::filesystem::path& dir, const std::string& journal_mode, long accounts,
                                   int from_version = 1);
// The file sqlite_ledger_subject pushes.
std::filesystem::path sqlite_work_file(const std::filesystem::path& dir);

// Copies the database file `from` to `to`, removing a journal, WAL or shared
// memory file `to` had.
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace resilience

// SQLite side of the resilience tests: the state of a database file, a ledger
// file to start from, and the helper program's path.
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <string>

namespace resilience {

// The helper program child_sqlite.cpp (its path is compiled in).
std::string sqlite_child_program();

// Every row of sqlite_schema, one line per table with its row count and the
// checksum of its rows (sqlite_sequence included), and the verdict of
// PRAGMA integrity_check and foreign_key_check (state.hpp).
std::string sqlite_state(SQLite::Database& db);
// Opens the file read-write (a hot journal left by a killed process is rolled
// back then, as by any next user) and returns its state.
std::string sqlite_file_state(const std::filesystem::path& path);

// Makes `path` hold version 1 of the SQLite ledger (scenarios.hpp) with
// `accounts` accounts, in `journal_mode` ("delete" or "wal"), checkpointed:
// the file alone is the whole database.
void make_sqlite_ledger(const std::filesystem::path& path, const std::string& journal_mode, long long accounts);

// Copies the database file `from` to `to`, removing a journal, WAL or shared
// memory file `to` had.
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace resilience

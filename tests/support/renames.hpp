// Renames applied to a target schema as a user edits the models: the new name,
// the renamed_from hint, and every use of the name (keys, indexes, foreign keys
// and the references to it) follow. Index and foreign key names are left as
// they are: give them none to have normalise generate them from the new names.
// And which steps a push of such a target took.
#pragma once

#include <dbpush/diff/diff.hpp>
#include <dbpush/schema/schema.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace test_renames {

inline void replace_name(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (auto& n : names)
    if (n == from) n = to;
}

inline void rename_table(db::schema& s, const std::string& from, const std::string& to) {
  for (auto& t : s.tables) {
    if (t.name == from) {
      t.name = to;
      t.renamed_from = from;
    }
    for (auto& fk : t.foreign_keys)
      if (fk.referenced_table == from) fk.referenced_table = to;
  }
}

// `table` is the table's name in `s` (after any rename).
inline void rename_column(db::schema& s, const std::string& table, const std::string& from, const std::string& to) {
  for (auto& t : s.tables) {
    for (auto& fk : t.foreign_keys)
      if (fk.referenced_table == table) replace_name(fk.referenced_columns, from, to);
    if (t.name != table) continue;
    for (auto& c : t.columns)
      if (c.name == from) {
        c.name = to;
        c.renamed_from = from;
      }
    replace_name(t.primary_key, from, to);
    for (auto& i : t.indexes) replace_name(i.columns, from, to);
    for (auto& fk : t.foreign_keys) replace_name(fk.columns, from, to);
  }
}

// Renames of the league both dialects' tests push: teams(id, name UNIQUE);
// players(id, name, team_id -> teams, rank; rank indexed, (team_id, rank)
// unique); rounds(season, round) with a composite key; games(id, (season,
// round) -> rounds, indexed). `read_back` reads the renamed objects' rows
// through their new names, one text value per row (`{}` stands for the schema
// qualifier of each table name), in either dialect's SQL.
struct league_rename {
  const char* what;
  void (*change)(db::schema&);
  const char* read_back;
  std::vector<std::string> rows;
};

inline const std::vector<league_rename>& league_renames() {
  static const std::vector<league_rename> all{
      {"unique column renamed", [](db::schema& s) { rename_column(s, "teams", "name", "label"); },
       "SELECT id || '|' || label FROM {}teams ORDER BY id", {"1|red", "2|blue"}},
      {"indexed column renamed", [](db::schema& s) { rename_column(s, "players", "rank", "level"); },
       "SELECT name || '|' || level FROM {}players ORDER BY id", {"ann|1", "bob|2", "cid|1"}},
      {"foreign key column renamed", [](db::schema& s) { rename_column(s, "players", "team_id", "squad_id"); },
       "SELECT name || '|' || squad_id FROM {}players ORDER BY id", {"ann|1", "bob|1", "cid|2"}},
      {"table renamed", [](db::schema& s) { rename_table(s, "players", "gamers"); },
       "SELECT name || '|' || team_id || '|' || rank FROM {}gamers ORDER BY id", {"ann|1|1", "bob|1|2", "cid|2|1"}},
      {"referenced table renamed", [](db::schema& s) { rename_table(s, "rounds", "stages"); },
       "SELECT g.id || '|' || s.round FROM {}games AS g JOIN {}stages AS s USING (season, round) ORDER BY g.id",
       {"1|1", "2|2"}},
      {"composite key columns renamed",
       [](db::schema& s) {
         rename_column(s, "rounds", "season", "year");
         rename_column(s, "games", "season", "year");
       },
       "SELECT g.id || '|' || r.year FROM {}games AS g JOIN {}rounds AS r USING (year, round) ORDER BY g.id",
       {"1|2024", "2|2024"}},
      {"table and columns at once",
       [](db::schema& s) {
         rename_table(s, "players", "gamers");
         rename_column(s, "gamers", "name", "handle");
         rename_column(s, "gamers", "team_id", "clan_id");
       },
       "SELECT handle || '|' || clan_id || '|' || rank FROM {}gamers ORDER BY id", {"ann|1|1", "bob|1|2", "cid|2|1"}},
  };
  return all;
}

// `query` with `qualifier` (e.g. "\"app\".", or nothing) for every `{}`.
inline std::string qualified(std::string query, const std::string& qualifier) {
  for (auto at = query.find("{}"); at != std::string::npos; at = query.find("{}", at + qualifier.size()))
    query.replace(at, 2, qualifier);
  return query;
}

// The steps of `kinds` among `steps`, described: what a rename must not need.
inline std::vector<std::string> steps_of(const std::vector<db::step>& steps, std::initializer_list<db::step_kind> kinds) {
  std::vector<std::string> found;
  for (const auto& s : steps)
    if (std::find(kinds.begin(), kinds.end(), s.kind) != kinds.end()) found.push_back(s.describe());
  return found;
}

}  // namespace test_renames

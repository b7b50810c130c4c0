// Names: generated index and foreign-key names follow the renames of their
// table and columns (so a renamed database ends as a fresh push would make
// it), names chosen in the database stay, and where the database ignores ASCII
// case (SQLite) names that differ only in case are one object.
#include "builders.hpp"
#include "support/renames.hpp"

#include <dbpush/push/push.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

using namespace core_test;
using test_renames::rename_column;
using test_renames::rename_table;
using test_renames::steps_of;

namespace {

// A whole plan as one string, so that a failure shows it.
std::string plan_of(const db::diff_result& d) {
  std::string out;
  for (const auto& line : brief(d)) out += line + "\n";
  return out;
}
std::string plan_of(const names& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

constexpr auto insensitive = db::identifier_case::ascii_insensitive;

db::diff_result diff_ignoring_case(const db::schema& live, const db::schema& target,
                                   std::vector<std::string> ignore_tables = {}) {
  return db::diff(live, target, db::diff_options{std::move(ignore_tables), insensitive});
}

// teams(id) <- players(id, name, team_id, rank): a unique index on name, a
// plain one on rank, a composite unique (team_id, rank) and a foreign key.
db::schema league() {
  return sch({tbl("teams"),
              with(tbl("players", {col("name", "TEXT"), col("team_id"), col("rank")}),
                   {idx({"name"}, true), idx({"rank"}), idx({"team_id", "rank"}, true)}, {fk({"team_id"}, "teams")})});
}

db::table& players(db::schema& s) { return s.tables[1]; }

// The league after `change`, its indexes and foreign keys given no names, so
// normalise generates them from the new table and column names, as for a fresh push.
db::schema league_after(const std::function<void(db::schema&)>& change) {
  auto s = league();
  change(s);
  return s;
}

struct rename_case {
  const char* what;
  std::function<void(db::schema&)> change;
  names expected;
};

}  // namespace

TEST_CASE("generated index and foreign key names follow every table and column rename") {
  const std::vector<rename_case> cases{
      {"unique column renamed", [](db::schema& s) { rename_column(s, "players", "name", "nickname"); },
       {"rename_column players nickname <- name", "rename_index players players_nickname_key <- players_name_key"}},
      {"indexed column renamed", [](db::schema& s) { rename_column(s, "players", "rank", "level"); },
       {"rename_column players level <- rank", "rename_index players players_level_idx <- players_rank_idx",
        "rename_index players players_team_id_level_key <- players_team_id_rank_key"}},
      {"foreign key column renamed", [](db::schema& s) { rename_column(s, "players", "team_id", "squad_id"); },
       {"rename_column players squad_id <- team_id",
        "rename_index players players_squad_id_rank_key <- players_team_id_rank_key",
        "rename_foreign_key players players_squad_id_fkey <- players_team_id_fkey"}},
      {"table renamed", [](db::schema& s) { rename_table(s, "players", "gamers"); },
       {"rename_table gamers <- players", "rename_index gamers gamers_name_key <- players_name_key",
        "rename_index gamers gamers_rank_idx <- players_rank_idx",
        "rename_index gamers gamers_team_id_rank_key <- players_team_id_rank_key",
        "rename_foreign_key gamers gamers_team_id_fkey <- players_team_id_fkey"}},
      // The key's name comes from its own table and columns, not its parent's.
      {"referenced table renamed", [](db::schema& s) { rename_table(s, "teams", "squads"); },
       {"rename_table squads <- teams"}},
      {"referenced column renamed", [](db::schema& s) { rename_column(s, "teams", "id", "team_key"); },
       {"rename_column teams team_key <- id"}},
      {"table and columns renamed at once",
       [](db::schema& s) {
         rename_table(s, "players", "gamers");
         rename_column(s, "gamers", "name", "handle");
         rename_column(s, "gamers", "team_id", "clan_id");
       },
       {"rename_table gamers <- players", "rename_column gamers handle <- name",
        "rename_column gamers clan_id <- team_id", "rename_index gamers gamers_handle_key <- players_name_key",
        "rename_index gamers gamers_rank_idx <- players_rank_idx",
        "rename_index gamers gamers_clan_id_rank_key <- players_team_id_rank_key",
        "rename_foreign_key gamers gamers_clan_id_fkey <- players_team_id_fkey"}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.what));
    const auto live = league();
    const auto target = league_after(c.change);
    const auto d = db::diff(live, target);
    CHECK(plan_of(d) == plan_of(c.expected));
    // The renames leave every live index and foreign key under the name the
    // target gives it: nothing is dropped or created.
    CHECK(steps_of(d.steps, {db::step_kind::drop_index, db::step_kind::create_index, db::step_kind::drop_foreign_key,
                             db::step_kind::add_foreign_key})
              .empty());
  }
}

TEST_CASE("a name chosen in the database stays unless the target chooses another") {
  auto live = league();
  players(live).indexes[0].name = "dba_unique_name";
  players(live).foreign_keys[0].name = "dba_team";
  // The target has only the generated names: the database's own stay.
  auto generated = league_after([](db::schema& s) { rename_column(s, "players", "name", "nickname"); });
  const auto kept = db::diff(live, generated);
  CHECK(plan_of(kept) == plan_of(names{"rename_column players nickname <- name"}));
  // The diff's target describes them under the names they keep, for a dialect
  // that recreates them (a SQLite table redefinition).
  const auto* players_after = kept.to.find_table("players");
  REQUIRE(players_after);
  CHECK(players_after->find_index("dba_unique_name"));
  CHECK_FALSE(players_after->find_index("players_nickname_key"));
  CHECK(players_after->find_foreign_key("dba_team"));
  CHECK(db::detail::is_normalised(kept.to));
  // Unless the target gives the name to another index: then the kept one
  // takes its generated name, and the other the name (they trade places).
  auto taken = generated;
  players(taken).indexes[1].name = "dba_unique_name";
  CHECK(plan_of(db::diff(live, taken)) ==
        plan_of(names{"rename_column players nickname <- name",
                      "rename_index players players_nickname_key <- dba_unique_name",
                      "rename_index players dba_unique_name <- players_rank_idx"}));
  // Names the target chooses win over the database's, chosen or generated.
  auto chosen = generated;
  players(chosen).indexes[0].name = "nickname_unique";
  players(chosen).indexes[1].name = "by_rank";
  players(chosen).foreign_keys[0].name = "team_of_player";
  CHECK(plan_of(db::diff(live, chosen)) ==
        plan_of(names{"rename_column players nickname <- name", "rename_index players nickname_unique <- dba_unique_name",
                      "rename_index players by_rank <- players_rank_idx",
                      "rename_foreign_key players team_of_player <- dba_team"}));
  // Back to generated names: the chosen ones in the database stay.
  auto chosen_live = chosen;
  for (auto& c : players(chosen_live).columns) c.renamed_from.reset();
  CHECK(db::diff(chosen_live, generated).empty());
}

TEST_CASE("names the target gives may trade places with names in the database") {
  auto live = league();
  auto target = league();
  // The index on rank takes the name of the one on name, which takes another.
  players(target).indexes[0].name = "by_name";
  players(target).indexes[1].name = "players_name_key";
  CHECK(plan_of(db::diff(live, target)) == plan_of(names{"rename_index players by_name <- players_name_key",
                                                         "rename_index players players_name_key <- players_rank_idx"}));
}

TEST_CASE("rename steps name objects on the side they act on and describe themselves") {
  auto target = league_after([](db::schema& s) { rename_table(s, "players", "gamers"); });
  const auto d = db::diff(league(), target);
  for (const auto& s : d.steps) {
    if (s.kind != db::step_kind::rename_index && s.kind != db::step_kind::rename_foreign_key) continue;
    const auto* live = d.from.find_table("players");
    const auto* renamed = d.to.find_table(s.table);
    REQUIRE(live);
    REQUIRE(renamed);
    if (s.kind == db::step_kind::rename_index) {
      CHECK(live->find_index(s.old_name));
      CHECK(renamed->find_index(s.object));
    } else {
      CHECK(live->find_foreign_key(s.old_name));
      CHECK(renamed->find_foreign_key(s.object));
    }
  }
  CHECK(d.steps[1].describe() == "Renamed index `players_name_key` to `gamers_name_key` on table `gamers`");
  CHECK(d.steps.back().describe() ==
        "Renamed foreign key `players_team_id_fkey` to `gamers_team_id_fkey` on table `gamers`");
}

TEST_CASE("names that differ only in ASCII case are one object where the database ignores case") {
  struct spelling {
    const char* what;
    std::function<void(db::schema&)> live_spelling;  // applied to the live league
    names expected;                                  // diff to the league as written
  };
  const std::vector<spelling> spellings{
      {"table", [](db::schema& s) { rename_table(s, "players", "Players"); },
       {"rename_table players <- Players", "rename_index players players_name_key <- Players_name_key",
        "rename_index players players_rank_idx <- Players_rank_idx",
        "rename_index players players_team_id_rank_key <- Players_team_id_rank_key",
        "rename_foreign_key players players_team_id_fkey <- Players_team_id_fkey"}},
      {"table in upper case, names chosen in lower case",
       [](db::schema& s) {
         rename_table(s, "players", "PLAYERS");
         for (auto& i : players(s).indexes) i.name = db::detail::generated_name("players", i.columns, i.unique ? "key" : "idx");
         players(s).foreign_keys[0].name = "players_team_id_fkey";
       },
       {"rename_table players <- PLAYERS"}},
      {"column", [](db::schema& s) { rename_column(s, "players", "name", "Name"); },
       {"rename_column players name <- Name", "rename_index players players_name_key <- players_Name_key"}},
      {"index name only", [](db::schema& s) { players(s).indexes[1].name = "Players_Rank_Idx"; },
       {"rename_index players players_rank_idx <- Players_Rank_Idx"}},
      {"foreign key name only", [](db::schema& s) { players(s).foreign_keys[0].name = "PLAYERS_TEAM_ID_FKEY"; },
       {"rename_foreign_key players players_team_id_fkey <- PLAYERS_TEAM_ID_FKEY"}},
      // References spelt otherwise than the parent declares them (SQLite keeps
      // the REFERENCES text as written) are the same reference.
      {"foreign key target",
       [](db::schema& s) {
         players(s).foreign_keys[0].referenced_table = "TEAMS";
         players(s).foreign_keys[0].referenced_columns = {"ID"};
       },
       {}},
      {"referenced table and its key column",
       [](db::schema& s) {
         rename_table(s, "teams", "Teams");
         rename_column(s, "Teams", "id", "Id");
       },
       {"rename_table teams <- Teams", "rename_column teams id <- Id"}},
      {"composite primary key",
       [](db::schema& s) {
         players(s).primary_key = {"id", "name"};
         rename_column(s, "players", "id", "ID");
         rename_column(s, "players", "name", "NAME");
       },
       {}},  // expected filled below: the target's key is (id, name) too
  };
  for (const auto& sp : spellings) {
    CAPTURE(std::string(sp.what));
    auto live = league();
    sp.live_spelling(live);
    for (auto& t : live.tables) {
      t.renamed_from.reset();
      for (auto& c : t.columns) c.renamed_from.reset();
    }
    auto target = league();
    auto expected = sp.expected;
    if (std::string(sp.what) == "composite primary key") {
      players(target).primary_key = {"id", "name"};
      expected = {"rename_column players id <- ID", "rename_column players name <- NAME",
                  "rename_index players players_name_key <- players_NAME_key"};
    }
    const auto d = diff_ignoring_case(live, target);
    CHECK(plan_of(d) == plan_of(expected));
    CHECK(steps_of(d.steps, {db::step_kind::drop_table, db::step_kind::drop_column, db::step_kind::drop_foreign_key,
                             db::step_kind::alter_primary_key})
              .empty());
    // Where case matters, another spelling is another object.
    if (!expected.empty()) CHECK(brief(db::diff(live, target)) != expected);
  }
}

TEST_CASE("the example of a table made by another tool: only the new column is added") {
  auto live = sch({tbl("Users", {nullable("Name")})});
  auto target = sch({tbl("users", {nullable("name"), nullable("email")})});
  CHECK(plan_of(diff_ignoring_case(live, target)) == plan_of(names{"rename_table users <- Users", "rename_column users name <- Name", "add_column users email"}));
  CHECK(plan_of(db::diff(live, target)) == plan_of(names{"drop_table Users", "create_table users"}));
}

TEST_CASE("hints and ignore_tables name live tables and columns in any case where the database ignores it") {
  auto live = sch({tbl("Users", {nullable("Email")}), tbl("Audit")});
  auto target = sch({tbl("members", {nullable("mail")})});
  target.tables[0].renamed_from = "USERS";
  target.tables[0].columns[1].renamed_from = "email";
  CHECK(plan_of(diff_ignoring_case(live, target, {"AUDIT"})) == plan_of(names{"rename_table members <- Users", "rename_column members mail <- Email"}));
  // A hint to a name the target keeps (in another spelling) is no rename.
  auto kept = sch({tbl("USERS", {nullable("email")}), tbl("members", {nullable("email")})});
  kept.tables[1].renamed_from = "users";
  CHECK(plan_of(diff_ignoring_case(live, kept, {"audit"})) == plan_of(names{"rename_table USERS <- Users", "create_table members", "rename_column USERS email <- Email"}));
}

TEST_CASE("a target naming two objects alike but for case is refused where the database ignores case") {
  auto two_tables = sch({tbl("a"), tbl("A")});
  CHECK_NOTHROW(db::detail::validate_target(two_tables, {}));
  CHECK_THROWS_WITH_AS(db::detail::validate_target(two_tables, {}, insensitive),
                       "dbpush: the target schema is not valid; nothing was changed:\n"
                       "  - two tables are named `a` and `A`, which the database takes for one name (it ignores "
                       "the case of ASCII letters)",
                       db::error);
  auto two_columns = sch({tbl("t", {nullable("Email"), nullable("email")})});
  CHECK_THROWS_WITH_AS(db::detail::validate_target(two_columns, {}, insensitive),
                       "dbpush: the target schema is not valid; nothing was changed:\n"
                       "  - table `t` has two columns named `Email` and `email`, which the database takes for one "
                       "name (it ignores the case of ASCII letters)",
                       db::error);
  // Wide tables compare their columns through a hash index.
  auto wide = tbl("wide");
  for (int i = 0; i < 20; ++i) wide.columns.push_back(nullable("c" + std::to_string(i)));
  wide.columns.push_back(nullable("C7"));
  CHECK_THROWS_WITH_AS(db::detail::validate_target(sch({wide}), {}, insensitive),
                       "dbpush: the target schema is not valid; nothing was changed:\n"
                       "  - table `wide` has two columns named `c7` and `C7`, which the database takes for one "
                       "name (it ignores the case of ASCII letters)",
                       db::error);
  auto two_indexes = sch({with(tbl("t", {nullable("a"), nullable("b")}), {idx({"a"}, false, "I"), idx({"b"}, false, "i")})});
  CHECK_THROWS_WITH_AS(db::detail::validate_target(two_indexes, {}, insensitive),
                       "dbpush: the target schema is not valid; nothing was changed:\n"
                       "  - two indexes are named `I` and `i`, which the database takes for one name (it ignores "
                       "the case of ASCII letters)",
                       db::error);
  // A reference is spelt as its table is declared, whatever the database's rule.
  auto misspelt = sch({tbl("users"), with(tbl("posts", {col("user_id")}), {}, {fk({"user_id"}, "Users")})});
  db::normalise(misspelt);
  CHECK_THROWS_WITH_AS(db::detail::validate_target(misspelt, {}, insensitive),
                       "dbpush: the target schema is not valid; nothing was changed:\n"
                       "  - the foreign key `posts_user_id_fkey` of table `posts` references the unknown table "
                       "`Users` (declared as `users`)",
                       db::error);
  // A table outside the target, in ignore_tables, is trusted in any spelling.
  auto to_ignored = sch({with(tbl("posts", {col("user_id")}), {}, {fk({"user_id"}, "Audit")})});
  db::normalise(to_ignored);
  CHECK_NOTHROW(db::detail::validate_target(to_ignored, {"audit"}, insensitive));
  CHECK_THROWS_AS(db::detail::validate_target(to_ignored, {"audit"}), db::error);
  // Letters beyond ASCII keep their case: SQLite tells `É` from `é`.
  CHECK_NOTHROW(db::detail::validate_target(sch({tbl("\xc3\x89t\xc3\xa9"), tbl("\xc3\xa9t\xc3\xa9")}), {}, insensitive));
}

TEST_CASE("a name index that ignores ASCII case finds every spelling of a name and only those") {
  const std::vector<std::string> names{"users", "Posts", "a_rather_long_table_name_of_more_than_one_word",
                                       "x", "\xc3\xa9t\xc3\xa9", "under_score", ""};
  db::detail::name_index folded(insensitive);
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(folded.insert(names[i], i));
  CHECK(folded.find("USERS") == 0);
  CHECK(folded.find("posts") == 1);
  CHECK(folded.find("A_RATHER_LONG_TABLE_NAME_OF_MORE_THAN_ONE_WORD") == 2);
  CHECK(folded.find("X") == 3);
  CHECK(folded.find("\xc3\xa9T\xc3\xa9") == 4);
  CHECK(folded.find("") == 6);
  CHECK_FALSE(folded.insert("Users", 9));  // the same name
  // Bytes that differ in bit 0x20 but are not letters stay apart (`_` and DEL,
  // `@` and a backquote), and so do letters beyond ASCII.
  CHECK_FALSE(folded.contains("under\x7fscore"));
  CHECK_FALSE(folded.contains("\xc3\x89t\xc3\xa9"));
  CHECK_FALSE(folded.contains("user"));
  CHECK_FALSE(folded.contains("users "));
  // Many names: every one found in another spelling.
  std::vector<std::string> many;
  for (int i = 0; i < 2000; ++i) many.push_back("Table_" + std::to_string(i) + "_Name");
  db::detail::name_index index(insensitive);
  for (std::size_t i = 0; i < many.size(); ++i) index.insert(many[i], i);
  for (std::size_t i = 0; i < many.size(); ++i) {
    std::string lower = many[i];
    for (auto& c : lower) c = db::detail::fold_ascii_case(c);
    CHECK(index.find(lower) == i);
  }
  // The exact index keeps telling spellings apart.
  db::detail::name_index exact;
  exact.insert("users", 0);
  CHECK_FALSE(exact.contains("Users"));
}

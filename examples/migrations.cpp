// dbpush with a migration tool: the snapshot of the first release becomes the
// baseline migration, and the SQL between two releases the next migration,
// both written without a database. Any migration runner (Flyway, sqitch,
// dbmate, golang-migrate, a hand-rolled one) can then apply the files.
//   migrations [directory, default migrations]
#include "game_models.hpp"

#include <dbpush/diff_sql.hpp>
#include <dbpush/generators.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : "migrations";
  std::filesystem::create_directories(dir);
  const auto dialect = db::dialect::postgres;

  // [baseline]
  const db::schema release_1 = db::schema_of<game::v1::Player, game::v1::Item, game::v1::Guild, game::v1::Membership>(dialect);
  std::ofstream(dir / "0001_baseline.sql") << db::generators::sql_snapshot_text(release_1, dialect);
  // [baseline]

  // [next]
  const db::schema release_2 = db::schema_of<game::v2::Player, game::v2::Item, game::v2::Guild, game::v2::Membership>(dialect);
  const db::sql_diff next = db::diff_sql(release_1, release_2, dialect);
  for (const db::finding& w : next.warnings) std::cerr << "review: " << w.message << '\n';
  for (const db::finding& u : next.unexecutable) std::cerr << "review: " << u.message << '\n';
  std::ofstream(dir / "0002_release_2.sql") << next.to_string();  // steps and findings as comments, then the SQL
  // [next]

  std::cout << "migrations: wrote " << next.sql.size() << " statements for release 2\n" << next.script();
}
